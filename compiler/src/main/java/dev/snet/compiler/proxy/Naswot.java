package dev.snet.compiler.proxy;

import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import java.util.List;
import java.util.Map;

/**
 * NASWOT (Mellor et al. 2021, "Neural Architecture Search without Training"), as BayesWatch's
 * {@code hooklogdet} computes it: each ReLU's input, as a binary code per sample (positive or not),
 * adds to K[i][j] the number of units where samples i and j agree; the score is log|det K|. Codes
 * are packed 64 to a word (each plane from a new word, padding 0 in every code), so agreements are the unit count less the popcount of an exclusive or.
 */
final class Naswot {
    private Naswot() {}

    /** The score, or negative infinity when K is singular (two samples with identical codes everywhere). */
    static double score(Graph graph, Map<String, float[]> weights, float[] input, int batch) {
        List<Integer> relus = graph.nodes().stream()
                .filter(n -> n.op() instanceof Op.Activate a && (a.activation() == Activation.RELU || a.activation() == Activation.RELU6))
                .map(Node::id).toList();
        if (relus.isEmpty()) throw new ProxyException("NASWOT needs at least one relu or relu6 in the model: it scores their activation patterns");
        long[][] agreements = new long[batch][batch];
        TrainingForward forward = new TrainingForward(graph, weights, batch, relus, List.of());
        forward.run(input, new TrainingForward.Listener() {
            @Override
            public void beforeRelu(Node node, float[] arena, int[][] planes, int planeSize) {
                accumulate(agreements, arena, planes, planeSize);
            }
        });
        double[][] k = new double[batch][batch];
        for (int i = 0; i < batch; i++) for (int j = 0; j < batch; j++) k[i][j] = agreements[i][j];
        return Determinant.logAbs(k);
    }

    private static void accumulate(long[][] agreements, float[] arena, int[][] planes, int planeSize) {
        int batch = planes.length;
        int units = planes[0].length * planeSize;
        int words = dev.snet.runtime.kernels.Planar.positiveBitWords(planes[0].length, planeSize);
        long[][] codes = new long[batch][words];
        for (int b = 0; b < batch; b++) dev.snet.runtime.kernels.Planar.positiveBits(arena, planes[b], planeSize, codes[b]);
        for (int i = 0; i < batch; i++) {
            agreements[i][i] += units;
            for (int j = i + 1; j < batch; j++) {
                long differ = 0;
                long[] x = codes[i], y = codes[j];
                for (int w = 0; w < words; w++) differ += Long.bitCount(x[w] ^ y[w]);
                agreements[i][j] += units - differ;
                agreements[j][i] += units - differ;
            }
        }
    }
}
