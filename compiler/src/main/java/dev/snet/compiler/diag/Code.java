package dev.snet.compiler.diag;

/** Every diagnostic the compiler can report. Each has its own golden test under compiler/src/test/resources/diagnostics. */
public enum Code {
    SN0100("syntax error"),
    SN0101("cannot read an imported file"),
    SN0102("a block or model is declared twice"),
    SN0103("the file does not declare exactly one model"),
    SN0200("unknown name"),
    SN0201("unknown op or block"),
    SN0202("unknown or repeated argument"),
    SN0203("missing argument"),
    SN0204("wrong type"),
    SN0205("unknown parameter on the command line"),
    SN0206("ill-typed parameter value on the command line"),
    SN0207("a name is defined twice"),
    SN0208("recursive block"),
    SN0209("unused value"),
    SN0210("unresolved choice"),
    SN0211("duplicate layer name or weight key"),
    SN0212("value out of range"),
    SN0213("missing input or return"),
    SN0214("misplaced choice"),
    SN0300("channels not divisible by groups"),
    SN0301("add of tensors with different shapes"),
    SN0302("concat of tensors with different spatial sizes"),
    SN0303("empty or negative output size"),
    SN0304("channels cannot be split as asked"),
    SN0305("op applied to a tensor of the wrong rank"),
    SN0306("scale factors that do not match the tensor's channels");

    private final String summary;

    Code(String summary) { this.summary = summary; }

    public String summary() { return summary; }
}
