package dev.snet.tornado;

import dev.snet.runtime.CompiledModel;
import dev.snet.runtime.Exclusive;
import dev.snet.runtime.backend.DeviceId;
import java.util.ArrayList;
import java.util.List;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.WorkerGrid1D;
import uk.ac.manchester.tornado.api.common.TornadoFunctions.Task6;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * What every model compiled for TornadoVM shares: one TaskGraph built once, in the way TornadoVM's
 * own inference engines are built. Weights and the plane table go to the device once, when the
 * model is built; the arena (a batch of samples' activations) lives on the device; a run copies the input in,
 * launches one kernel per step over every element of every sample, and brings the output back.
 * The generated subclass supplies the kernels ({@link #tasks}).
 */
public abstract class TornadoModel implements CompiledModel, AutoCloseable {
    private static final String GRAPH = "snet";

    static {
        // TornadoVM encodes a graph's launches and transfers in a buffer of 4 KB by default, enough for about 100 tasks;
        // a ShuffleNet has up to 250 steps. Read once, when TornadoVM compiles its first graph: set unless the user did.
        if (System.getProperty("tornado.tvm.maxbytecodesize") == null) System.setProperty("tornado.tvm.maxbytecodesize", String.valueOf(1 << 20));
    }

    private final int[] inputShape;
    private final int[] outputShape;
    private final int arenaFloats;
    private final int inputSize;
    private final int outputSize;
    private final int capacity;
    private final FloatArray input;
    private final FloatArray output;
    private final List<WorkerGrid1D> grids = new ArrayList<>();
    private final List<Long> work = new ArrayList<>();
    private final Exclusive exclusive = new Exclusive("this TornadoVM model");
    // TornadoVM's plan keeps every execution's result (a few dozen bytes) in a list it never clears, and the
    // class is sealed: a model that runs for days holds them all. A TornadoVM limitation to take upstream; not worked around.
    private final TornadoExecutionPlan plan;
    private int launched = -1;
    private boolean closed;

    /** Registers the kernels, in order, with the work-items each needs per sample. */
    public final class Tasks {
        private final TaskGraph graph;
        private final GridScheduler scheduler;
        private final KernelContext context = new KernelContext();
        private final FloatArray arena;
        private final FloatArray weights;
        private final IntArray planes;

        private Tasks(TaskGraph graph, GridScheduler scheduler, FloatArray arena, FloatArray weights, IntArray planes) {
            this.graph = graph;
            this.scheduler = scheduler;
            this.arena = arena;
            this.weights = weights;
            this.planes = planes;
        }

        /** A generated kernel: (context, packed input, arena, weights, plane table, packed output), with its work-items per sample. */
        public void add(String name, Task6<KernelContext, FloatArray, FloatArray, FloatArray, IntArray, FloatArray> kernel, long perSample) {
            graph.task(name, kernel, context, input, arena, weights, planes, output);
            WorkerGrid1D grid = new WorkerGrid1D(Math.toIntExact(perSample * capacity));
            scheduler.addWorkerGrid(GRAPH + "." + name, grid);
            grids.add(grid);
            work.add(perSample);
        }
    }

    /**
     * Builds the task graph for batches of up to {@code capacity} samples on {@code device} (null:
     * TornadoVM's default), compiles its kernels and runs them once.
     */
    protected TornadoModel(int[] inputShape, int[] outputShape, int arenaFloats, float[] weights, int[] planeTable, DeviceId device, int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("the batch capacity must be at least 1, not " + capacity);
        KernelClassFiles.expose(getClass());
        this.inputShape = inputShape.clone();
        this.outputShape = outputShape.clone();
        this.arenaFloats = arenaFloats;
        this.inputSize = product(inputShape);
        this.outputSize = product(outputShape);
        this.capacity = capacity;
        if ((long) capacity * arenaFloats > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a batch capacity of " + capacity + " needs more than 2^31 floats of arena; use a smaller one");
        }
        input = new FloatArray(capacity * inputSize);
        output = new FloatArray(capacity * outputSize);
        FloatArray arena = new FloatArray(capacity * arenaFloats);
        FloatArray packed = FloatArray.fromArray(weights.length == 0 ? new float[1] : weights);
        IntArray planes = IntArray.fromArray(planeTable.length == 0 ? new int[1] : planeTable);
        TaskGraph graph = new TaskGraph(GRAPH)
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, packed, planes, arena)
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, input);
        GridScheduler scheduler = new GridScheduler();
        tasks(new Tasks(graph, scheduler, arena, packed, planes));
        graph.transferToHost(DataTransferMode.EVERY_EXECUTION, output);
        TornadoExecutionPlan base = new TornadoExecutionPlan(graph.snapshot());
        TornadoExecutionPlan p = base;
        try {
            p = p.withGridScheduler(scheduler);
            if (device != null) p = p.withDevice(TornadoExecutionPlan.getDevice(device.backend(), device.device()));
            p = p.withPreCompilation();
            // One launch of the whole graph now, on zeros: the weights reach the device here rather than in the first
            // caller's run, and a device that cannot run the model (out of memory, a driver error) fails while the
            // caller can still choose the CPU instead.
            launch(capacity);
            p.execute();
        } catch (RuntimeException | Error e) {
            try {
                base.freeDeviceMemory();
            } catch (RuntimeException freeing) {
                e.addSuppressed(freeing);
            }
            throw e;
        }
        plan = p;
    }

    /** Adds every kernel to {@code t}: generated. */
    protected abstract void tasks(Tasks t);

    @Override
    public final void run(float[] in, int inputOffset, float[] out, int outputOffset, int batch) {
        if (closed) throw new IllegalStateException("this model was closed: its device memory is freed");
        if (batch < 0 || inputOffset < 0 || outputOffset < 0 || in.length - inputOffset < (long) batch * inputSize
                || out.length - outputOffset < (long) batch * outputSize) {
            throw new IllegalArgumentException("arrays too small for a batch of " + batch + " samples");
        }
        exclusive.enter();
        try {
            for (int done = 0; done < batch; done += capacity) {
                int n = Math.min(capacity, batch - done);
                int from = inputOffset + done * inputSize;
                for (int i = 0; i < n * inputSize; i++) input.set(i, in[from + i]);
                launch(n);
                plan.execute();
                int to = outputOffset + done * outputSize;
                for (int i = 0; i < n * outputSize; i++) out[to + i] = output.get(i);
            }
        } finally {
            exclusive.exit();
        }
    }

    /** Sizes every kernel's launch for {@code n} samples; the grids keep their size until it changes. */
    private void launch(int n) {
        if (n == launched) return;
        for (int k = 0; k < grids.size(); k++) grids.get(k).setGlobalWork(work.get(k) * n, 1, 1);
        launched = n;
    }

    /** Frees the device's buffers; the model cannot run afterwards. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        plan.freeDeviceMemory();
    }

    /** Copies a weight tensor into the packed array, checking its size: generated constructors call it. */
    protected static void put(float[] all, int at, int length, float[] tensor) {
        if (tensor.length != length) throw new IllegalStateException("a weight tensor has " + tensor.length + " floats; the model expects " + length);
        System.arraycopy(tensor, 0, all, at, length);
    }

    @Override
    public int[] inputShape() { return inputShape.clone(); }

    @Override
    public int[] outputShape() { return outputShape.clone(); }

    @Override
    public int arenaFloats() { return arenaFloats; }

    public int batchCapacity() { return capacity; }

    private static int product(int[] dims) {
        int n = 1;
        for (int d : dims) n = Math.multiplyExact(n, d);
        return n;
    }
}
