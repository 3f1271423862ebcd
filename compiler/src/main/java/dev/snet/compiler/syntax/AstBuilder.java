package dev.snet.compiler.syntax;

import dev.snet.compiler.source.SourceFile;
import dev.snet.compiler.source.SourceSpan;
import dev.snet.compiler.syntax.Ast.*;
import dev.snet.grammar.SnetBaseVisitor;
import dev.snet.grammar.SnetParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Turns ANTLR's parse tree into the immutable AST, attaching a span to every node. */
final class AstBuilder {
    private final SourceFile file;

    AstBuilder(SourceFile file) { this.file = file; }

    Program program(SnetParser.FileContext ctx) {
        List<Import> imports = ctx.importDecl().stream()
                .map(i -> new Import(unquote(i.STRING().getText()), span(i))).toList();
        List<ModelDecl> models = new ArrayList<>();
        List<BlockDecl> blocks = new ArrayList<>();
        for (SnetParser.DeclContext d : ctx.decl()) {
            if (d.modelDecl() != null) models.add(model(d.modelDecl()));
            else blocks.add(block(d.blockDecl()));
        }
        return new Program(imports, models, blocks);
    }

    private ModelDecl model(SnetParser.ModelDeclContext m) {
        return new ModelDecl(m.ID().getText(), params(m.paramList()), body(m.body()), span(m.ID()), span(m));
    }

    private BlockDecl block(SnetParser.BlockDeclContext b) {
        return new BlockDecl(b.ID().getText(), params(b.paramList()), body(b.body()), span(b.ID()), span(b));
    }

    private List<Param> params(SnetParser.ParamListContext ctx) {
        if (ctx == null) return List.of();
        return ctx.param().stream()
                .map(p -> new Param(p.ID().getText(), type(p.typeRef()), p.expr() == null ? null : expr(p.expr()), span(p)))
                .toList();
    }

    private Type type(SnetParser.TypeRefContext t) {
        return switch (t) {
            case SnetParser.IntTypeContext i -> new IntType();
            case SnetParser.FloatTypeContext f -> new FloatType();
            case SnetParser.BoolTypeContext b -> new BoolType();
            case SnetParser.StringTypeContext s -> new StringType();
            case SnetParser.EnumTypeContext e -> new EnumType(e.STRING().stream().map(s -> unquote(s.getText())).toList());
            default -> throw new IllegalStateException("unknown type " + t.getText());
        };
    }

    private List<Stmt> body(SnetParser.BodyContext b) {
        return b.stmt().stream().map(this::stmt).toList();
    }

    private Stmt stmt(SnetParser.StmtContext s) {
        return switch (s) {
            case SnetParser.InputStmtContext i -> new Input(i.ID().getText(), expr(i.expr(0)), expr(i.expr(1)), expr(i.expr(2)), span(i.ID()), span(i));
            case SnetParser.LetStmtContext l -> new Let(l.ID().getText(), expr(l.expr()), span(l.ID()), span(l));
            case SnetParser.AssignStmtContext a -> new Assign(
                    a.ID().stream().map(id -> new Target(id.getText(), span(id))).toList(), expr(a.expr()), span(a));
            case SnetParser.RepeatStmtContext r -> new Repeat(
                    label(r.label()), expr(r.expr()),
                    r.ID() == null ? null : r.ID().getText(), body(r.body()), span(r));
            case SnetParser.IfStatementContext i -> ifStmt(i.ifStmt());
            case SnetParser.ReturnStmtContext r -> new Return(expr(r.expr()), span(r));
            default -> throw new IllegalStateException("unknown statement " + s.getText());
        };
    }

    private If ifStmt(SnetParser.IfStmtContext i) {
        List<Stmt> otherwise;
        if (i.ifStmt() != null) otherwise = List.of(ifStmt(i.ifStmt()));
        else if (i.body().size() > 1) otherwise = body(i.body(1));
        else otherwise = List.of();
        return new If(expr(i.expr()), body(i.body(0)), otherwise, span(i));
    }

    Expr expr(SnetParser.ExprContext e) {
        return switch (e) {
            case SnetParser.PrimaryExprContext p -> primary(p.primary());
            case SnetParser.MemberExprContext m -> new Member(expr(m.expr()), m.ID().getText(), span(m));
            case SnetParser.IndexExprContext i -> new Index(expr(i.expr(0)), expr(i.expr(1)), span(i));
            case SnetParser.UnaryExprContext u -> new Unary(u.op.getText(), expr(u.expr()), span(u));
            case SnetParser.MulExprContext b -> new Binary(b.op.getText(), expr(b.expr(0)), expr(b.expr(1)), span(b));
            case SnetParser.AddExprContext b -> new Binary(b.op.getText(), expr(b.expr(0)), expr(b.expr(1)), span(b));
            case SnetParser.CompareExprContext b -> new Binary(b.op.getText(), expr(b.expr(0)), expr(b.expr(1)), span(b));
            case SnetParser.AndExprContext b -> new Binary("and", expr(b.expr(0)), expr(b.expr(1)), span(b));
            case SnetParser.OrExprContext b -> new Binary("or", expr(b.expr(0)), expr(b.expr(1)), span(b));
            case SnetParser.IfExprContext c -> new Conditional(expr(c.expr(0)), expr(c.expr(1)), expr(c.expr(2)), span(c));
            case SnetParser.PipeExprContext p -> new Pipe(expr(p.expr()), stage(p.stage()), span(p));
            default -> throw new IllegalStateException("unknown expression " + e.getText());
        };
    }

    private Expr primary(SnetParser.PrimaryContext p) {
        return switch (p) {
            case SnetParser.IntLitContext i -> new IntLit(parseInt(i.getText()), span(i));
            case SnetParser.FloatLitContext f -> new FloatLit(Double.parseDouble(f.getText()), span(f));
            case SnetParser.StringLitContext s -> new StringLit(unquote(s.getText()), span(s));
            case SnetParser.BoolLitContext b -> new BoolLit(b.getText().equals("true"), span(b));
            case SnetParser.CallExprContext c -> new Call(c.callee().getText(), args(c.argList()), span(c.callee()), span(c));
            case SnetParser.NameExprContext n -> new Name(n.ID().getText(), span(n));
            case SnetParser.ListExprContext l -> new ListLit(l.expr().stream().map(this::expr).toList(), span(l));
            case SnetParser.ChoiceExprContext c -> new Choice(c.expr().stream().map(this::expr).toList(), span(c));
            case SnetParser.ParenExprContext q -> expr(q.expr());
            default -> throw new IllegalStateException("unknown primary " + p.getText());
        };
    }

    private Stage stage(SnetParser.StageContext s) {
        String label = label(s.label());
        StageBody body = switch (s.stageBody()) {
            case SnetParser.CallStageContext c -> new CallStage(c.ID().getText(), args(c.argList()), span(c.ID()), span(c));
            case SnetParser.SeqStageContext q -> new SeqStage(q.stage().stream().map(this::stage).toList(), span(q));
            default -> throw new IllegalStateException("unknown stage " + s.getText());
        };
        return new Stage(label, body, span(s));
    }

    private List<Arg> args(SnetParser.ArgListContext ctx) {
        if (ctx == null) return List.of();
        return ctx.arg().stream()
                .map(a -> new Arg(a.ID() == null ? null : a.ID().getText(), expr(a.expr()), span(a)))
                .toList();
    }

    /** Integer literals too large for a long become the largest long; sema then reports them as out of range. */
    private static long parseInt(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String label(SnetParser.LabelContext l) {
        if (l == null) return null;
        return l.STRING() != null ? unquote(l.STRING().getText()) : l.getText();
    }

    static String unquote(String quoted) {
        String inner = quoted.substring(1, quoted.length() - 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length()) {
                char n = inner.charAt(++i);
                out.append(switch (n) { case 'n' -> '\n'; case 't' -> '\t'; default -> n; });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private SourceSpan span(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop() == null ? start : ctx.getStop();
        int end = stop.getStopIndex() + 1;
        return new SourceSpan(file, start.getStartIndex(), Math.max(end, start.getStartIndex()));
    }

    private SourceSpan span(TerminalNode node) {
        Token t = node.getSymbol();
        return new SourceSpan(file, t.getStartIndex(), t.getStopIndex() + 1);
    }
}
