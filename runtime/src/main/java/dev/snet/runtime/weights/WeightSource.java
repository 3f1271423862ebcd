package dev.snet.runtime.weights;

/** Where a model's weights come from: a safetensors file, or tensors already in memory. */
public interface WeightSource {

    /**
     * Checks up front that every key exists with its shape (keys[i] has shapes[i]), so that all
     * problems are reported before any weight is transformed.
     */
    void require(String[] keys, int[][] shapes) throws WeightsException;

    /** The tensor with this key, as float32; its shape was checked by {@link #require}. */
    float[] tensor(String key) throws WeightsException;
}
