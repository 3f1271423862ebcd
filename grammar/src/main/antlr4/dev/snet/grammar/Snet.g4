// The .snet language. Syntax only: no actions, no semantic predicates.
// docs/language.md describes what each construct means.
grammar Snet;

file
    : importDecl* decl* EOF
    ;

importDecl
    : 'import' STRING
    ;

decl
    : modelDecl
    | blockDecl
    ;

modelDecl
    : 'model' ID ('(' paramList? ')')? body
    ;

blockDecl
    : 'block' ID '(' paramList? ')' body
    ;

body
    : '{' stmt* '}'
    ;

paramList
    : param (',' param)* ','?
    ;

param
    : ID ':' typeRef ('=' expr)?
    ;

typeRef
    : 'int'                         # intType
    | 'float'                       # floatType
    | 'bool'                        # boolType
    | 'string'                      # stringType
    | STRING ('|' STRING)+          # enumType
    ;

stmt
    : 'input' ID ':' '[' expr ',' expr ',' expr ']'         # inputStmt
    | 'let' ID '=' expr                                     # letStmt
    | ID (',' ID)* '=' expr                                 # assignStmt
    | (label ':')? 'repeat' expr ('as' ID)? body            # repeatStmt
    | ifStmt                                                # ifStatement
    | 'return' expr                                         # returnStmt
    ;

ifStmt
    : 'if' expr body ('else' (body | ifStmt))?
    ;

// Precedence runs from the first alternative (tightest) to the last (loosest):
// a pipe binds loosest, so `x |> conv(c / 2)` pipes the whole left side.
expr
    : primary                                               # primaryExpr
    | expr '.' ID                                           # memberExpr
    | expr '[' expr ']'                                     # indexExpr
    | op=('-' | 'not') expr                                 # unaryExpr
    | expr op=('*' | '/' | '//' | '%') expr                 # mulExpr
    | expr op=('+' | '-') expr                              # addExpr
    | expr op=('<' | '<=' | '>' | '>=' | '==' | '!=') expr  # compareExpr
    | expr 'and' expr                                       # andExpr
    | expr 'or' expr                                        # orExpr
    | 'if' expr 'then' expr 'else' expr                     # ifExpr
    | expr '|>' stage                                       # pipeExpr
    ;

primary
    : INT                                                   # intLit
    | FLOAT                                                 # floatLit
    | STRING                                                # stringLit
    | ('true' | 'false')                                    # boolLit
    | callee '(' argList? ')'                               # callExpr
    | ID                                                    # nameExpr
    | '[' (expr (',' expr)* ','?)? ']'                      # listExpr
    | 'choice' '[' expr (',' expr)* ','? ']'                # choiceExpr
    | '(' expr ')'                                          # parenExpr
    ;

// `int` and `float` are type names and conversion functions.
callee
    : ID
    | 'int'
    | 'float'
    ;

// One step of a pipeline: an op or block applied to the value piped in.
stage
    : (label ':')? stageBody
    ;

stageBody
    : ID ('(' argList? ')')?                                # callStage
    | 'seq' '{' stage ('|>' stage)* '}'                     # seqStage
    ;

// A quoted label is a whole dotted path ("stage3.5.branch2.3"): flat models written by
// `snetc search --export` name each layer with the state_dict key of the model it came from.
label
    : ID
    | INT
    | STRING
    ;

argList
    : arg (',' arg)* ','?
    ;

arg
    : (ID '=')? expr
    ;

INT     : [0-9]+ ;
FLOAT   : [0-9]+ '.' [0-9]* ([eE] [+-]? [0-9]+)? | [0-9]+ [eE] [+-]? [0-9]+ ;
STRING  : '"' (~["\\\r\n] | '\\' .)* '"' ;
ID      : [a-zA-Z_] [a-zA-Z_0-9]* ;

LINE_COMMENT  : '#' ~[\r\n]* -> skip ;
WS            : [ \t\r\n]+ -> skip ;
// Anything else becomes a token the parser rejects with a located message.
ERROR_CHAR    : . ;
