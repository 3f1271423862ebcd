package dev.snet.search.spark;

import dev.snet.compiler.search.EngineProvider;
import dev.snet.compiler.search.ScoringEngine;
import dev.snet.compiler.search.ScoringSpec;

/** `--engine spark`, found by snetc through {@link java.util.ServiceLoader} when this module is on the class path. */
public final class SparkEngineProvider implements EngineProvider {
    @Override
    public String name() { return "spark"; }

    @Override
    public ScoringEngine open(ScoringSpec spec, Options options) throws EngineException {
        return SparkEngine.start(spec, options);
    }
}
