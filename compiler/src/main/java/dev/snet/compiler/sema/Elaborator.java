package dev.snet.compiler.sema;

import dev.snet.compiler.diag.Code;
import dev.snet.compiler.diag.Diagnostic;
import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.compiler.source.SourceSpan;
import dev.snet.compiler.syntax.Ast;
import dev.snet.compiler.syntax.Ast.*;
import dev.snet.compiler.syntax.Loader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Semantic analysis: evaluates parameters and constants, expands blocks and repeats, infers every
 * shape and builds the graph. Errors are collected (an erroneous value becomes poison, which stays
 * silent) so that one run reports every independent mistake.
 */
public final class Elaborator {
    /** Bounds that keep a hostile or mistyped file from exhausting the machine. */
    static final int MAX_NODES = 200_000;
    /** Blocks calling blocks: as deep as generated sources go (the front end runs on a deep stack; see Snetc). */
    static final int MAX_CALL_DEPTH = 20_000;
    /**
     * Per sample: one activation (256 MB), one weight tensor (1 GB), and all activations together
     * (8 GB, the naive plan). Arenas, planes and weights are Java arrays with int indices: past these
     * a model cannot run on the JVM at all, so the checker says so where the size is decided.
     */
    public static final long MAX_TENSOR_VALUES = 1L << 26;
    public static final long MAX_WEIGHT_VALUES = 1L << 28;
    public static final long MAX_TOTAL_VALUES = Integer.MAX_VALUE;
    static final int MAX_STEPS = 2_000_000;
    static final long MAX_REPEAT = 10_000;
    public static final long MAX_DIM = 1 << 20;

    private final Loader.Unit unit;
    private final Diagnostics diagnostics;
    private final Map<String, String> overrides;
    private final Set<String> consumedOverrides = new HashSet<>();
    private final List<ChoiceDim> choices = new ArrayList<>();
    private final Map<String, String> parameterValues = new LinkedHashMap<>();

    private final List<Node> nodes = new ArrayList<>();
    private long allValues;
    private boolean tooLarge;
    private final Map<String, SourceSpan> layerNames = new HashMap<>();
    private final Map<String, Integer> autoNames = new HashMap<>();
    private final Deque<String> path = new ArrayDeque<>();
    private final Deque<Frame> calls = new ArrayDeque<>();
    private int steps;
    private final DeadValues dead = new DeadValues();

    /** One block expansion on the call stack. */
    private record Frame(BlockDecl block, SourceSpan callSite) {}

    /** The result: a graph (absent when errors prevented one) and the choices met on the way. */
    public record Result(Optional<Graph> graph, List<ChoiceDim> choices) {
        public List<ChoiceDim> unresolved() { return choices.stream().filter(c -> !c.assigned()).toList(); }
    }

    private Elaborator(Loader.Unit unit, Diagnostics diagnostics, Map<String, String> overrides) {
        this.unit = unit;
        this.diagnostics = diagnostics;
        this.overrides = overrides;
    }

    /**
     * Elaborates {@code model} with {@code overrides} ({@code -P name=value}) for its parameters
     * and choices. Unassigned choices take their first option and are listed as unresolved.
     */
    public static Result elaborate(Loader.Unit unit, ModelDecl model, Map<String, String> overrides, Diagnostics diagnostics) {
        Elaborator e = new Elaborator(unit, diagnostics, overrides);
        new RecursionCheck(unit, diagnostics).run();
        Optional<Graph> graph;
        try {
            graph = e.model(model);
            e.dead.report(diagnostics);
        } catch (SemaException tooLarge) {
            graph = Optional.empty();
        }
        return new Result(diagnostics.hasErrors() ? Optional.empty() : graph, List.copyOf(e.choices));
    }

    // ---------------------------------------------------------------- model and blocks

    /** Checks what can be checked of a library without a model: blocks that use themselves. */
    public static void checkBlocks(Loader.Unit unit, Diagnostics diagnostics) {
        new RecursionCheck(unit, diagnostics).run();
    }

    /** Reports each unassigned choice: run and compile need one concrete model. */
    public static void requireConcrete(Result result, Diagnostics diagnostics) {
        for (ChoiceDim c : result.unresolved()) {
            diagnostics.report(Diagnostic.error(Code.SN0210, c.span(), "choice `" + c.name() + "` has no value")
                    .label("one of " + String.join(", ", c.options()))
                    .help("pick one with -P " + c.name() + "=" + c.options().get(0)));
        }
    }

    private Optional<Graph> model(ModelDecl model) {
        Scope scope = new Scope(null);
        for (Param p : model.params()) {
            Value v = modelParameter(p, scope);
            scope.define(p.name(), new Binding(v, p.span(), true));
        }
        Value output = body(model.body(), scope, true);
        Node input = nodes.isEmpty() || !(nodes.get(0).op() instanceof Op.Input) ? null : nodes.get(0);
        if (input == null) {
            diagnostics.report(Diagnostic.error(Code.SN0213, model.nameSpan(), "model `" + model.name() + "` has no input")
                    .label("declared here")
                    .help("declare the input shape as the first statement: `input x: [3, 224, 224]`"));
        }
        if (output == null) {
            diagnostics.report(Diagnostic.error(Code.SN0213, model.nameSpan(), "model `" + model.name() + "` returns nothing")
                    .label("declared here")
                    .help("end the model with `return x`, naming its output tensor"));
        } else if (!(output instanceof Value.TensorV) && !(output instanceof Value.Poison)) {
            diagnostics.report(Diagnostic.error(Code.SN0204, returnSpan(model.body()), "a model returns a tensor, not " + Value.article(output.typeName()))
                    .label(output.typeName()));
        }
        reportUnknownOverrides(model);
        if (input == null || !(output instanceof Value.TensorV t)) return Optional.empty();
        return Optional.of(new Graph(model.name(), parameterValues, nodes, input.id(), t.node().id()));
    }

    /** Runs after the body, since choices inside blocks are only known once it has been expanded. */
    private void reportUnknownOverrides(ModelDecl model) {
        for (String key : new java.util.TreeSet<>(overrides.keySet())) {
            if (consumedOverrides.contains(key)) continue;
            List<String> known = new ArrayList<>(model.params().stream().map(Param::name).toList());
            choices.stream().map(ChoiceDim::name).filter(n -> !known.contains(n)).forEach(known::add);
            Diagnostic.Builder d = Diagnostic.error(Code.SN0205, model.nameSpan(),
                            "model `" + model.name() + "` has no parameter `" + key + "` (given with -P " + key + "=" + overrides.get(key) + ")")
                    .label("model declared here");
            Names.closest(key, known).ifPresentOrElse(
                    s -> d.help("did you mean `" + s + "`? Parameters: " + (known.isEmpty() ? "none" : String.join(", ", known))),
                    () -> d.help(known.isEmpty() ? "this model takes no parameters" : "parameters of this model: " + String.join(", ", known)));
            diagnostics.reportDistinct(d.build());
        }
    }

    private static SourceSpan returnSpan(List<Stmt> body) {
        for (Stmt s : body) if (s instanceof Return r) return r.value().span();
        return body.isEmpty() ? null : body.get(body.size() - 1).span();
    }

    private Value modelParameter(Param p, Scope scope) {
        String given = overrides.get(p.name());
        if (given != null) consumedOverrides.add(p.name());
        if (p.defaultValue() instanceof Choice c) {
            Value v = choose(p.name(), c, scope);
            parameterValues.put(p.name(), Value.display(v));
            return v;
        }
        Value v;
        if (given != null) {
            v = ParameterValues.parse(p, given, diagnostics);
        } else if (p.defaultValue() != null) {
            v = coerce(eval(p.defaultValue(), scope), p.type(), p.defaultValue().span(), "the default of `" + p.name() + "`");
        } else {
            diagnostics.report(Diagnostic.error(Code.SN0203, p.span(), "parameter `" + p.name() + "` has no default and was not given")
                    .label("declared without a default")
                    .help("give it on the command line: -P " + p.name() + "=VALUE, or add a default: `" + p.name() + ": " + p.type() + " = ...`"));
            v = Value.POISON;
        }
        if (!(v instanceof Value.Poison)) parameterValues.put(p.name(), Value.display(v));
        return v;
    }

    private Value callBlock(BlockDecl block, Value input, List<Arg> args, SourceSpan callSpan, Scope caller) {
        for (Frame f : calls) if (f.block() == block) return Value.POISON; // RecursionCheck has reported it
        if (calls.size() >= MAX_CALL_DEPTH) {
            diagnostics.report(Diagnostic.error(Code.SN0212, callSpan, "block calls nested more than " + MAX_CALL_DEPTH + " deep")
                    .label("call " + (MAX_CALL_DEPTH + 1)).help("a network this deep is written with `repeat N { ... }`"));
            return Value.POISON;
        }
        Scope scope = new Scope(null);
        Map<String, Value> bound = bindArguments(
                new Signature(block.name(), block.params().stream().map(this::blockParameter).toList()),
                args, callSpan, "block `" + block.name() + "`", caller);
        if (bound == null) return Value.POISON;
        for (Param p : block.params()) scope.define(p.name(), new Binding(bound.get(p.name()), p.span(), true));
        Binding in = new Binding(input, block.nameSpan(), false);
        in.used = true;
        scope.define("in", in);
        calls.push(new Frame(block, callSpan));
        try {
            Value out = body(block.body(), scope, false);
            if (out == null) {
                diagnostics.report(Diagnostic.error(Code.SN0213, block.nameSpan(), "block `" + block.name() + "` returns nothing")
                        .label("declared here")
                        .help("end the block with `return` and the tensor it produces"));
                return Value.POISON;
            }
            if (!(out instanceof Value.TensorV) && !(out instanceof Value.Poison)) {
                diagnostics.report(Diagnostic.error(Code.SN0204, returnSpan(block.body()), "a block returns a tensor, not " + Value.article(out.typeName()))
                        .label(out.typeName()));
                return Value.POISON;
            }
            return out;
        } finally {
            calls.pop();
        }
    }

    /** Block parameters bind like op arguments; defaults are evaluated where the block is declared. */
    private Signature.Parameter blockParameter(Param p) {
        if (p.defaultValue() == null) return Signature.required(p.name(), p.type());
        return Signature.derived(p.name(), p.type(), bound -> {
            Scope s = new Scope(null);
            bound.forEach((k, v) -> s.define(k, new Binding(v, p.span(), true)));
            return eval(p.defaultValue(), s);
        });
    }

    // ---------------------------------------------------------------- statements

    /** Runs a body; returns the value of its {@code return}, or null when it has none. */
    private Value body(List<Stmt> stmts, Scope scope, boolean isModel) {
        Value result = null;
        for (int i = 0; i < stmts.size(); i++) {
            Stmt s = stmts.get(i);
            if (s instanceof Return r) {
                result = eval(r.value(), scope);
                if (i != stmts.size() - 1) {
                    diagnostics.report(Diagnostic.error(Code.SN0213, stmts.get(i + 1).span(), "statement after `return` is never run")
                            .label("unreachable").help("move the `return` to the end"));
                }
                break;
            }
            if (s instanceof Input in && (!isModel || i != 0)) {
                diagnostics.report(Diagnostic.error(Code.SN0213, s.span(), isModel ? "`input` must be the model's first statement" : "a block cannot declare an `input`")
                        .label(isModel ? "declared too late" : "not allowed in a block")
                        .help(isModel ? "move it to the top of the model" : "a block's input tensor is `in`"));
                continue;
            }
            stmt(s, scope);
        }
        scope.reportUnused(dead);
        return result;
    }

    private void stmt(Stmt s, Scope scope) {
        if (++steps > MAX_STEPS) {
            diagnostics.report(Diagnostic.error(Code.SN0212, s.span(), "the model is too large to elaborate")
                    .label("still expanding here").help("check the repeat counts"));
            throw new SemaException();
        }
        switch (s) {
            case Input in -> input(in, scope);
            case Let let -> let(let, scope);
            case Assign a -> assign(a, scope);
            case Repeat r -> repeat(r, scope);
            case If i -> {
                Value c = eval(i.condition(), scope);
                if (c instanceof Value.Poison) return;
                if (!(c instanceof Value.BoolV b)) {
                    typeError(i.condition().span(), "an `if` condition must be a bool, not " + Value.article(c.typeName()), c);
                    return;
                }
                nested(b.value() ? i.then() : i.otherwise(), scope);
            }
            case Return r -> nestedReturn(r);
        }
    }

    private void nestedReturn(Return r) {
        diagnostics.report(Diagnostic.error(Code.SN0213, r.span(), "`return` inside `repeat` or `if`")
                .label("not at the end of the block").help("assign the result to a value and return it after the loop"));
    }

    /** An `if` branch runs in the enclosing scope, so values it defines are visible after it. */
    private void nested(List<Stmt> stmts, Scope scope) {
        for (Stmt s : stmts) {
            if (s instanceof Return r) nestedReturn(r);
            else if (s instanceof Input in) diagnostics.report(Diagnostic.error(Code.SN0213, in.span(), "`input` must be the model's first statement")
                    .label("not allowed here").help("move it to the top of the model"));
            else stmt(s, scope);
        }
    }

    private void input(Input in, Scope scope) {
        int c = dimension(eval(in.channels(), scope), in.channels().span(), "channels");
        int h = dimension(eval(in.height(), scope), in.height().span(), "height");
        int w = dimension(eval(in.width(), scope), in.width().span(), "width");
        if (c < 0 || h < 0 || w < 0) {
            scope.define(in.name(), new Binding(Value.POISON, in.nameSpan(), false));
            return;
        }
        Node node = addNode(new Op.Input(), List.of(), Shape.chw(c, h, w), in.name(), in.span());
        scope.define(in.name(), new Binding(new Value.TensorV(node), in.nameSpan(), false));
    }

    private int dimension(Value v, SourceSpan span, String what) {
        if (v instanceof Value.Poison) return -1;
        if (!(v instanceof Value.IntV i)) {
            typeError(span, "the input's " + what + " must be an int, not " + Value.article(v.typeName()), v);
            return -1;
        }
        if (i.value() < 1 || i.value() > MAX_DIM) {
            rangeError(span, "input " + what + " " + i.value() + " is out of range", "use a value from 1 to " + MAX_DIM);
            return -1;
        }
        return (int) i.value();
    }

    private void let(Let let, Scope scope) {
        Binding existing = scope.local(let.name());
        Value v = let.value() instanceof Choice c ? choose(scopedName(let.name()), c, scope) : eval(let.value(), scope);
        if (v instanceof Value.TensorV || (v instanceof Value.ListV l && l.items().stream().anyMatch(x -> x instanceof Value.TensorV))) {
            diagnostics.report(Diagnostic.error(Code.SN0204, let.value().span(), "`let` binds constants; this is a tensor")
                    .label("tensor").help("bind tensors without `let`: `" + let.name() + " = ...`"));
            v = Value.POISON;
        }
        if (existing != null) {
            redefined(let.name(), let.nameSpan(), existing);
            return;
        }
        scope.define(let.name(), new Binding(v, let.nameSpan(), true));
    }

    private void redefined(String name, SourceSpan at, Binding existing) {
        diagnostics.report(Diagnostic.error(Code.SN0207, at, "`" + name + "` is already defined")
                .label("defined again")
                .secondary(existing.span, "first defined here")
                .help(existing.constant ? "constants cannot change; choose another name" : "choose another name"));
    }

    private void assign(Assign a, Scope scope) {
        Value v = eval(a.value(), scope);
        List<Target> targets = a.targets();
        List<Value> values;
        if (targets.size() == 1) {
            if (!(v instanceof Value.TensorV) && !(v instanceof Value.Poison)) {
                Diagnostic.Builder d = Diagnostic.error(Code.SN0204, a.value().span(), "`" + targets.get(0).name() + " = ...` binds a tensor, not " + Value.article(v.typeName()))
                        .label(v.typeName());
                d.help(v instanceof Value.ListV ? "bind each part to its own name: `a, b = split(x, 2)`" : "bind constants with `let " + targets.get(0).name() + " = ...`");
                diagnostics.report(d);
                v = Value.POISON;
            }
            values = List.of(v);
        } else if (v instanceof Value.ListV l && l.items().size() == targets.size()) {
            values = l.items();
        } else {
            if (!(v instanceof Value.Poison)) {
                String found = v instanceof Value.ListV l ? l.items().size() + " values" : "one " + v.typeName();
                diagnostics.report(Diagnostic.error(Code.SN0204, a.value().span(), targets.size() + " names are bound but the right side gives " + found)
                        .label(found).help("bind as many names as there are parts"));
            }
            values = targets.stream().map(t -> (Value) Value.POISON).toList();
        }
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            Binding existing = scope.lookup(t.name());
            if (existing != null && existing.constant) {
                redefined(t.name(), t.span(), existing);
                continue;
            }
            if (existing != null) {
                existing.reportIfUnused(t.name(), dead);
                existing.value = values.get(i);
                existing.span = t.span();
                existing.used = false;
            } else {
                scope.define(t.name(), new Binding(values.get(i), t.span(), false));
            }
        }
    }

    private void repeat(Repeat r, Scope scope) {
        Value count = eval(r.count(), scope);
        if (count instanceof Value.Poison) return;
        if (!(count instanceof Value.IntV n)) {
            typeError(r.count().span(), "`repeat` needs an int count, not " + Value.article(count.typeName()), count);
            return;
        }
        if (n.value() < 0 || n.value() > MAX_REPEAT) {
            rangeError(r.count().span(), "repeat count " + n.value() + " is out of range", "use a count from 0 to " + MAX_REPEAT);
            return;
        }
        if (r.label() != null) path.addLast(r.label());
        try {
            for (long i = 0; i < n.value(); i++) {
                path.addLast(Long.toString(i));
                Scope inner = new Scope(scope);
                if (r.index() != null) {
                    Binding b = new Binding(new Value.IntV(i), r.span(), true);
                    inner.define(r.index(), b);
                }
                try {
                    for (Stmt s : r.body()) {
                        if (s instanceof Return ret) nestedReturn(ret);
                        else stmt(s, inner);
                    }
                    inner.reportUnused(dead);
                } finally {
                    path.removeLast();
                }
            }
        } finally {
            if (r.label() != null) path.removeLast();
        }
    }

    // ---------------------------------------------------------------- choices

    private String scopedName(String name) {
        return path.isEmpty() ? name : String.join(".", path) + "." + name;
    }

    private Value choose(String name, Choice c, Scope scope) {
        List<Value> options = c.options().stream().map(o -> eval(o, scope)).toList();
        if (options.stream().anyMatch(o -> o instanceof Value.Poison)) return Value.POISON;
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i) instanceof Value.TensorV) {
                typeError(c.options().get(i).span(), "a choice is between constants, not tensors", options.get(i));
                return Value.POISON;
            }
        }
        List<String> shown = options.stream().map(Value::display).toList();
        String given = overrides.get(name);
        if (given == null) {
            choices.add(new ChoiceDim(name, shown, shown.get(0), false, c.span()));
            return options.get(0);
        }
        consumedOverrides.add(name);
        for (int i = 0; i < options.size(); i++) {
            if (ParameterValues.matches(options.get(i), given)) {
                choices.add(new ChoiceDim(name, shown, shown.get(i), true, c.span()));
                return options.get(i);
            }
        }
        diagnostics.report(Diagnostic.error(Code.SN0206, c.span(), "-P " + name + "=" + given + " is not one of the choices")
                .label("choices: " + String.join(", ", shown))
                .help("pick one of " + String.join(", ", shown)));
        return Value.POISON;
    }

    // ---------------------------------------------------------------- expressions

    /** Lists beyond this are a mistake or an attack ("billion laughs"), never a model's configuration. */
    public static final long MAX_LIST_VALUES = 100_000;

    Value eval(Expr e, Scope scope) {
        return switch (e) {
            case IntLit i -> i.value() == Long.MAX_VALUE
                    ? rangeError(i.span(), "integer literal too large", "use a value below 2^63")
                    : new Value.IntV(i.value());
            case FloatLit f -> new Value.FloatV(f.value());
            case StringLit s -> new Value.StrV(s.value());
            case BoolLit b -> new Value.BoolV(b.value());
            case Name n -> name(n, scope);
            case ListLit l -> {
                List<Value> items = l.items().stream().map(x -> eval(x, scope)).toList();
                if (items.stream().anyMatch(v -> v instanceof Value.Poison)) yield Value.POISON;  // its error is reported
                Value.ListV list = new Value.ListV(items);
                yield list.size() <= MAX_LIST_VALUES ? list
                        : rangeError(l.span(), String.format("this list holds %,d values, nested lists counted; the limit is %,d", list.size(), MAX_LIST_VALUES),
                                "a model needs a few hundred values at most: look for a list built from copies of itself");
            }
            case Choice c -> {
                diagnostics.report(Diagnostic.error(Code.SN0214, c.span(), "a `choice` must be the whole value of a parameter default or a `let`")
                        .label("used inside an expression")
                        .help("name it first: `let g = choice [...]`, then use `g`"));
                yield Value.POISON;
            }
            case Member m -> member(m, scope);
            case Index i -> index(i, scope);
            case Unary u -> Arithmetic.unary(u, eval(u.operand(), scope), this);
            case Binary b -> binary(b, scope);
            case Conditional c -> {
                Value cond = eval(c.condition(), scope);
                if (cond instanceof Value.Poison) yield cond;
                if (!(cond instanceof Value.BoolV bv)) yield typeError(c.condition().span(), "an `if` condition must be a bool, not " + Value.article(cond.typeName()), cond);
                yield eval(bv.value() ? c.then() : c.otherwise(), scope);
            }
            case Call call -> call(call, scope);
            case Pipe p -> {
                Value source = eval(p.source(), scope);
                if (source instanceof Value.Poison) {
                    checkStage(p.stage(), scope);
                    yield source;
                }
                if (!(source instanceof Value.TensorV)) {
                    yield typeError(p.source().span(), "only a tensor can be piped into `" + stageName(p.stage()) + "`; this is " + Value.article(source.typeName()), source);
                }
                yield stage(source, p.stage(), null, scope);
            }
        };
    }

    private static String stageName(Stage s) {
        return s.body() instanceof CallStage c ? c.name() : "seq";
    }

    private Value name(Name n, Scope scope) {
        Binding b = scope.lookup(n.name());
        if (b == null) {
            Diagnostic.Builder d = Diagnostic.error(Code.SN0200, n.span(), "unknown name `" + n.name() + "`").label("not defined");
            Optional<String> similar = diagnostics.full() ? Optional.empty() : Names.closest(n.name(), scope.visibleNames());
            similar.ifPresentOrElse(
                    s -> d.help("did you mean `" + s + "`?"),
                    () -> d.help(calls.isEmpty() ? "define it with `let " + n.name() + " = ...` or as a model parameter"
                            : "a block sees only its own parameters, `in` and its own values; pass it as a parameter"));
            diagnostics.report(d);
            return Value.POISON;
        }
        b.used = true;
        dead.markRead(b.span);
        return b.value;
    }

    private Value member(Member m, Scope scope) {
        Value target = eval(m.target(), scope);
        if (target instanceof Value.Poison) return target;
        if (!(target instanceof Value.TensorV t)) {
            return typeError(m.target().span(), "`." + m.member() + "` reads a tensor's size; this is " + Value.article(target.typeName()), target);
        }
        Shape s = t.node().shape();
        return switch (m.member()) {
            case "c" -> new Value.IntV(s.channels());
            case "h" -> new Value.IntV(s.height());
            case "w" -> new Value.IntV(s.width());
            default -> {
                diagnostics.report(Diagnostic.error(Code.SN0200, m.span(), "a tensor has no `." + m.member() + "`")
                        .label("unknown member").help("a tensor has `.c` (channels), `.h` (height) and `.w` (width)"));
                yield Value.POISON;
            }
        };
    }

    private Value index(Index i, Scope scope) {
        Value target = eval(i.target(), scope);
        Value at = eval(i.index(), scope);
        if (target instanceof Value.Poison || at instanceof Value.Poison) return Value.POISON;
        if (!(target instanceof Value.ListV list)) return typeError(i.target().span(), "only a list can be indexed; this is " + Value.article(target.typeName()), target);
        if (!(at instanceof Value.IntV n)) return typeError(i.index().span(), "a list index must be an int, not " + Value.article(at.typeName()), at);
        if (n.value() < 0 || n.value() >= list.items().size()) {
            return rangeError(i.index().span(), "index " + n.value() + " is out of range for a list of " + list.items().size(),
                    "use an index from 0 to " + (list.items().size() - 1));
        }
        return list.items().get((int) n.value());
    }

    private Value binary(Binary b, Scope scope) {
        if (b.op().equals("and") || b.op().equals("or")) {
            Value l = eval(b.left(), scope);
            if (l instanceof Value.Poison) return l;
            if (!(l instanceof Value.BoolV lb)) return typeError(b.left().span(), "`" + b.op() + "` needs bools, not " + Value.article(l.typeName()), l);
            if (b.op().equals("and") ? !lb.value() : lb.value()) return l;
            Value r = eval(b.right(), scope);
            if (r instanceof Value.Poison) return r;
            if (!(r instanceof Value.BoolV)) return typeError(b.right().span(), "`" + b.op() + "` needs bools, not " + Value.article(r.typeName()), r);
            return r;
        }
        return Arithmetic.binary(b, eval(b.left(), scope), eval(b.right(), scope), this);
    }

    private Value call(Call call, Scope scope) {
        String name = call.name();
        if (OpSignatures.SCALAR_FUNCTIONS.contains(name)) {
            List<Value> args = new ArrayList<>();
            for (Arg a : call.args()) {
                if (a.name() != null) {
                    diagnostics.report(Diagnostic.error(Code.SN0202, a.span(), "`" + name + "` takes no named arguments")
                            .label("named").help("pass it by position"));
                    return Value.POISON;
                }
                args.add(eval(a.value(), scope));
            }
            if (args.stream().anyMatch(v -> v instanceof Value.Poison)) return Value.POISON;
            return Functions.call(call, args, this);
        }
        if (OpSignatures.TENSOR_FUNCTIONS.contains(name)) return tensorFunction(call, scope);
        if (OpSignatures.op(name).isPresent() || unit.blocks().containsKey(name)) {
            diagnostics.report(Diagnostic.error(Code.SN0204, call.span(), "`" + name + "` takes its input from a pipe")
                    .label("called like a function").help("write `x |> " + name + (call.args().isEmpty() ? "" : "(...)") + "`"));
            return Value.POISON;
        }
        return unknownCallee(name, call.nameSpan(), true);
    }

    private Value unknownCallee(String name, SourceSpan span, boolean inExpression) {
        if (diagnostics.full()) {
            diagnostics.report(Diagnostic.error(Code.SN0201, span, "unknown op or block `" + name + "`"));
            return Value.POISON;
        }
        List<String> known = new ArrayList<>(OpSignatures.opNames());
        known.addAll(unit.blocks().keySet());
        known.addAll(OpSignatures.TENSOR_FUNCTIONS);
        if (inExpression) known.addAll(OpSignatures.SCALAR_FUNCTIONS);
        Diagnostic.Builder d = Diagnostic.error(Code.SN0201, span, "unknown op or block `" + name + "`").label("not defined");
        Names.closest(name, known).ifPresentOrElse(s -> d.help("did you mean `" + s + "`?"),
                () -> d.help("declare it with `block " + name + "(...) { ... }` or import the file that does"));
        diagnostics.report(d);
        return Value.POISON;
    }

    private Value tensorFunction(Call call, Scope scope) {
        List<Value> args = new ArrayList<>();
        for (Arg a : call.args()) {
            if (a.name() != null) {
                diagnostics.report(Diagnostic.error(Code.SN0202, a.span(), "`" + call.name() + "` takes no named arguments")
                        .label("named").help("pass it by position"));
                return Value.POISON;
            }
            args.add(eval(a.value(), scope));
        }
        if (args.stream().anyMatch(v -> v instanceof Value.Poison)) return Value.POISON;
        return TensorFunctions.apply(OpSignatures.function(call.name()).orElseThrow(), call, args, this);
    }

    // ---------------------------------------------------------------- pipeline stages

    /**
     * Checks what can be checked of a stage whose input is already in error (the callee exists,
     * its arguments bind), so that one mistake does not hide the independent ones after it.
     */
    private void checkStage(Stage stage, Scope scope) {
        switch (stage.body()) {
            case SeqStage seq -> seq.stages().forEach(s -> checkStage(s, scope));
            case CallStage call -> {
                Optional<Signature> op = OpSignatures.op(call.name());
                BlockDecl block = unit.blocks().get(call.name());
                if (op.isPresent()) bindArguments(op.get(), call.args(), call.span(), "`" + call.name() + "`", scope);
                else if (block != null) bindArguments(new Signature(block.name(), block.params().stream().map(this::blockParameter).toList()),
                        call.args(), call.span(), "block `" + block.name() + "`", scope);
                else if (!OpSignatures.TENSOR_FUNCTIONS.contains(call.name()) && !OpSignatures.SCALAR_FUNCTIONS.contains(call.name())) {
                    unknownCallee(call.name(), call.nameSpan(), false);
                }
            }
        }
    }

    /** Applies one stage to {@code input}; {@code position} names it inside a {@code seq}. */
    private Value stage(Value input, Stage stage, String position, Scope scope) {
        String own = stage.label() != null ? stage.label() : position;
        switch (stage.body()) {
            case SeqStage seq -> {
                if (own != null) path.addLast(own);
                try {
                    Value v = input;
                    for (int i = 0; i < seq.stages().size(); i++) {
                        v = stage(v, seq.stages().get(i), Integer.toString(i), scope);
                        if (v instanceof Value.Poison) return v;
                    }
                    return v;
                } finally {
                    if (own != null) path.removeLast();
                }
            }
            case CallStage call -> {
                Optional<Signature> op = OpSignatures.op(call.name());
                if (op.isPresent()) {
                    Map<String, Value> args = bindArguments(op.get(), call.args(), call.span(), "`" + call.name() + "`", scope);
                    if (args == null) return Value.POISON;
                    Node in = ((Value.TensorV) input).node();
                    return Layers.build(call, args, in, this)
                            .map(built -> (Value) new Value.TensorV(addNode(built.op(), List.of(in.id()), built.shape(), layerName(own, built.op().kind()), call.span())))
                            .orElse(Value.POISON);
                }
                BlockDecl block = unit.blocks().get(call.name());
                if (block != null) {
                    if (own != null) path.addLast(own);
                    try {
                        return callBlock(block, input, call.args(), call.span(), scope);
                    } finally {
                        if (own != null) path.removeLast();
                    }
                }
                if (OpSignatures.TENSOR_FUNCTIONS.contains(call.name()) || OpSignatures.SCALAR_FUNCTIONS.contains(call.name())) {
                    diagnostics.report(Diagnostic.error(Code.SN0204, call.span(), "`" + call.name() + "` is a function, not a pipeline step")
                            .label("cannot be piped into").help("call it directly: `" + call.name() + "(a, b)`"));
                    return Value.POISON;
                }
                return unknownCallee(call.name(), call.nameSpan(), false);
            }
        }
    }

    /**
     * Binds call arguments to a signature: positional first, then named, then fallbacks. Returns
     * null after reporting when they do not fit.
     */
    private Map<String, Value> bindArguments(Signature sig, List<Arg> args, SourceSpan callSpan, String what, Scope callerScope) {
        Map<String, Value> bound = new LinkedHashMap<>();
        Map<String, SourceSpan> where = new HashMap<>();
        boolean ok = true;
        boolean sawNamed = false;
        int position = 0;
        for (Arg a : args) {
            String pname;
            if (a.name() == null) {
                if (sawNamed) {
                    diagnostics.report(Diagnostic.error(Code.SN0202, a.span(), "positional argument after a named one")
                            .label("positional").help("put positional arguments first, or name this one"));
                    ok = false;
                    continue;
                }
                if (position >= sig.parameters().size()) {
                    diagnostics.report(Diagnostic.error(Code.SN0202, a.span(), what + " takes " + sig.parameters().size() + " argument"
                                    + (sig.parameters().size() == 1 ? "" : "s") + ", this is one too many")
                            .label("extra argument")
                            .help(sig.parameters().isEmpty() ? "write it without arguments: `" + sig.name() + "`"
                                    : "its parameters are " + String.join(", ", sig.names())));
                    ok = false;
                    continue;
                }
                pname = sig.parameters().get(position++).name();
            } else {
                sawNamed = true;
                pname = a.name();
                if (!sig.names().contains(pname)) {
                    Diagnostic.Builder d = Diagnostic.error(Code.SN0202, a.span(), what + " has no parameter `" + pname + "`").label("unknown argument");
                    Names.closest(pname, sig.names()).ifPresentOrElse(s -> d.help("did you mean `" + s + "`?"),
                            () -> d.help(sig.parameters().isEmpty() ? "it takes no arguments" : "its parameters are " + String.join(", ", sig.names())));
                    diagnostics.report(d);
                    ok = false;
                    continue;
                }
                if (bound.containsKey(pname)) {
                    diagnostics.report(Diagnostic.error(Code.SN0202, a.span(), "argument `" + pname + "` is given twice")
                            .label("again").secondary(where.get(pname), "first given here").help("remove one of them"));
                    ok = false;
                    continue;
                }
            }
            Value v = eval(a.value(), callerScope);
            Signature.Parameter p = sig.parameters().stream().filter(x -> x.name().equals(pname)).findFirst().orElseThrow();
            v = coerce(v, p.type(), a.value().span(), "argument `" + pname + "` of " + what);
            if (v instanceof Value.Poison) ok = false;
            bound.put(pname, v);
            where.put(pname, a.span());
        }
        if (!ok) return null;
        List<String> missing = sig.parameters().stream()
                .filter(p -> p.required() && !bound.containsKey(p.name())).map(Signature.Parameter::name).toList();
        if (missing.isEmpty()) {
            for (Signature.Parameter p : sig.parameters()) {
                if (bound.containsKey(p.name())) continue;
                Value v = p.fallback().apply(bound);
                if (v == null || v instanceof Value.Poison) return null;
                bound.put(p.name(), coerce(v, p.type(), callSpan, "the default of `" + p.name() + "`"));
            }
        } else {
            diagnostics.report(Diagnostic.error(Code.SN0203, callSpan, what + " needs " + String.join(", ", missing.stream().map(m -> "`" + m + "`").toList()))
                    .label("missing " + String.join(", ", missing))
                    .help("its parameters are " + String.join(", ", sig.parameters().stream()
                            .map(p -> p.required() ? p.name() : p.name() + "?").toList()) + " (? = optional)"));
            return null;
        }
        return bound;
    }

    /** Checks a value against a declared type; an int is accepted where a float is expected. */
    Value coerce(Value v, Ast.Type type, SourceSpan span, String what) {
        if (v instanceof Value.Poison) return v;
        boolean fits = switch (type) {
            case IntType t -> v instanceof Value.IntV;
            case FloatType t -> Value.isNumber(v);
            case BoolType t -> v instanceof Value.BoolV;
            case StringType t -> v instanceof Value.StrV;
            case EnumType t -> v instanceof Value.StrV s && t.members().contains(s.value());
        };
        if (fits) return type instanceof FloatType && v instanceof Value.IntV i ? new Value.FloatV(i.value()) : v;
        String expected = type instanceof EnumType en ? "one of " + en : type.toString();
        Diagnostic.Builder d = Diagnostic.error(Code.SN0204, span, what + " must be " + (type instanceof EnumType ? "" : "a" + (type instanceof IntType ? "n " : " ")) + expected + ", not " + describe(v))
                .label(describe(v));
        if (type instanceof IntType && v instanceof Value.FloatV) d.help("use `//` for integer division, or `round(...)` / `int(...)`");
        diagnostics.report(d);
        return Value.POISON;
    }

    private static String describe(Value v) {
        return v instanceof Value.TensorV ? "a tensor" : v.typeName() + " " + v;
    }

    // ---------------------------------------------------------------- graph building

    private String layerName(String own, String kind) {
        String prefix = String.join(".", path);
        if (own != null) return prefix.isEmpty() ? own : prefix + "." + own;
        String base = (prefix.isEmpty() ? "" : prefix + ".") + kind;
        int n = autoNames.merge(base, 1, Integer::sum) - 1;
        return base + n;
    }

    String autoName(String kind) { return layerName(null, kind); }

    Node addNode(Op op, List<Integer> inputs, Shape shape, String name, SourceSpan span) {
        if (nodes.size() >= MAX_NODES) {
            diagnostics.report(Diagnostic.error(Code.SN0212, span, "the model has more than " + MAX_NODES + " layers")
                    .label("limit reached here").help("check the repeat counts"));
            throw new SemaException();
        }
        SourceSpan previous = layerNames.putIfAbsent(name, span);
        if (previous != null) {
            diagnostics.report(Diagnostic.error(Code.SN0211, span, "layer name `" + name + "` is used twice")
                    .label("second layer named `" + name + "`")
                    .secondary(previous, "first used here")
                    .help("weight keys must be unique: give one of them another label"));
        }
        Node n = new Node(nodes.size(), name, op, inputs, shape, span,
                inputs.isEmpty() ? List.of() : Node.rawWeights(name, op, nodes.get(inputs.get(0)).shape()));
        nodes.add(n);
        checkSize(n);
        return n;
    }

    private void checkSize(Node n) {
        if (tooLarge) return;  // the first is enough: every layer after a huge one is huge too
        allValues += n.shape().elements();
        long weights = n.inputs().isEmpty() ? 0 : n.op().parameters(nodes.get(n.inputs().get(0)).shape()).stream().mapToLong(Op.Param::size).max().orElse(0);
        String problem = n.shape().elements() > MAX_TENSOR_VALUES
                ? String.format("this layer's output holds %,d values per sample; the limit is %,d", n.shape().elements(), MAX_TENSOR_VALUES)
                : weights > MAX_WEIGHT_VALUES ? String.format("this layer's weights hold %,d values; the limit is %,d", weights, MAX_WEIGHT_VALUES)
                : allValues > MAX_TOTAL_VALUES ? String.format("the layers up to here hold %,d values per sample; the limit is %,d", allValues, MAX_TOTAL_VALUES)
                : null;
        if (problem != null) {
            tooLarge = true;
            diagnostics.report(Diagnostic.error(Code.SN0212, n.span(), problem).label("too large for the JVM's arrays")
                    .help("use a smaller input, fewer channels or features: a Java array holds at most 2^31 values"));
        }
    }

    // ---------------------------------------------------------------- reporting helpers shared with Layers, TensorFunctions, Arithmetic

    Value typeError(SourceSpan span, String message, Value found) {
        diagnostics.report(Diagnostic.error(Code.SN0204, span, message).label(found.typeName()));
        return Value.POISON;
    }

    Value rangeError(SourceSpan span, String message, String help) {
        diagnostics.report(Diagnostic.error(Code.SN0212, span, message).label("out of range").help(help));
        return Value.POISON;
    }

    void report(Diagnostic.Builder d) {
        Frame caller = calls.peek();
        if (caller != null) d.secondary(caller.callSite(), "in this use of block `" + caller.block().name() + "`");
        diagnostics.report(d);
    }
}
