package dev.snet.compiler.syntax;

import dev.snet.compiler.source.SourceSpan;
import java.util.List;

/** The abstract syntax of a .snet file: immutable records, each carrying its source span. */
public final class Ast {
    private Ast() {}

    public record Program(List<Import> imports, List<ModelDecl> models, List<BlockDecl> blocks) {}

    public record Import(String path, SourceSpan span) {}

    public record ModelDecl(String name, List<Param> params, List<Stmt> body, SourceSpan nameSpan, SourceSpan span) {}

    public record BlockDecl(String name, List<Param> params, List<Stmt> body, SourceSpan nameSpan, SourceSpan span) {}

    public record Param(String name, Type type, Expr defaultValue, SourceSpan span) {}

    public sealed interface Type {}
    public record IntType() implements Type { public String toString() { return "int"; } }
    public record FloatType() implements Type { public String toString() { return "float"; } }
    public record BoolType() implements Type { public String toString() { return "bool"; } }
    public record StringType() implements Type { public String toString() { return "string"; } }
    public record EnumType(List<String> members) implements Type {
        public String toString() { return String.join(" | ", members.stream().map(m -> "\"" + m + "\"").toList()); }
    }

    public sealed interface Stmt { SourceSpan span(); }
    public record Input(String name, Expr channels, Expr height, Expr width, SourceSpan nameSpan, SourceSpan span) implements Stmt {}
    public record Let(String name, Expr value, SourceSpan nameSpan, SourceSpan span) implements Stmt {}
    public record Assign(List<Target> targets, Expr value, SourceSpan span) implements Stmt {}
    public record Target(String name, SourceSpan span) {}
    public record Repeat(String label, Expr count, String index, List<Stmt> body, SourceSpan span) implements Stmt {}
    public record If(Expr condition, List<Stmt> then, List<Stmt> otherwise, SourceSpan span) implements Stmt {}
    public record Return(Expr value, SourceSpan span) implements Stmt {}

    public sealed interface Expr { SourceSpan span(); }
    public record IntLit(long value, SourceSpan span) implements Expr {}
    public record FloatLit(double value, SourceSpan span) implements Expr {}
    public record StringLit(String value, SourceSpan span) implements Expr {}
    public record BoolLit(boolean value, SourceSpan span) implements Expr {}
    public record Name(String name, SourceSpan span) implements Expr {}
    public record Call(String name, List<Arg> args, SourceSpan nameSpan, SourceSpan span) implements Expr {}
    public record ListLit(List<Expr> items, SourceSpan span) implements Expr {}
    public record Choice(List<Expr> options, SourceSpan span) implements Expr {}
    public record Member(Expr target, String member, SourceSpan span) implements Expr {}
    public record Index(Expr target, Expr index, SourceSpan span) implements Expr {}
    public record Unary(String op, Expr operand, SourceSpan span) implements Expr {}
    public record Binary(String op, Expr left, Expr right, SourceSpan span) implements Expr {}
    public record Conditional(Expr condition, Expr then, Expr otherwise, SourceSpan span) implements Expr {}
    public record Pipe(Expr source, Stage stage, SourceSpan span) implements Expr {}

    public record Arg(String name, Expr value, SourceSpan span) {}

    /** One step of a pipeline, optionally labelled; the label becomes a segment of its layer names. */
    public record Stage(String label, StageBody body, SourceSpan span) {}

    public sealed interface StageBody { SourceSpan span(); }
    /** An op or block applied to the piped value; {@code args} is empty when written without parentheses. */
    public record CallStage(String name, List<Arg> args, SourceSpan nameSpan, SourceSpan span) implements StageBody {}
    /** Like PyTorch's Sequential: each step without a label is named by its position. */
    public record SeqStage(List<Stage> stages, SourceSpan span) implements StageBody {}
}
