package dev.snet.maven;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One class to generate, as configured in the POM:
 * <pre>{@code
 * <model>
 *   <file>shufflenet_v2.snet</file>          <!-- relative to sourceDirectory -->
 *   <className>ShuffleNetV2Half</className>  <!-- default: the model's name -->
 *   <packageName>com.example.models</packageName>
 *   <parameters><width>0.5</width></parameters>
 *   <target>tornado</target>                 <!-- default: cpu; tornado needs TornadoVM's SDK to compile -->
 * </model>
 * }</pre>
 * A file may be listed several times, once per parameter set; a file not listed is compiled with its defaults.
 */
public class Model {
    String file;
    String className;
    String packageName;
    Map<String, String> parameters = new LinkedHashMap<>();
    String target;

    public Model() {}

    Model(String file) { this.file = file; }
}
