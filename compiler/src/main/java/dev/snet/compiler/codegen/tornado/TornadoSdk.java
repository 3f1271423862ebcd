package dev.snet.compiler.codegen.tornado;

import dev.snet.compiler.codegen.JavaCompilation;
import dev.snet.compiler.codegen.Toolchain;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds what compiling a TornadoVM model needs: the SDK's jars ({@code $TORNADOVM_HOME/share/java/tornado})
 * and snet's tornado module ({@code TornadoModel}, the class generated models extend), or says which is missing.
 */
final class TornadoSdk {
    private TornadoSdk() {}

    static final String BASE_CLASS = "dev/snet/tornado/TornadoModel.class";

    static Toolchain toolchain() {
        String home = System.getProperty("tornadovm.home", System.getenv("TORNADOVM_HOME"));
        return toolchain(home == null || home.isBlank() ? null : Path.of(home), TornadoSdk.class.getClassLoader().getResource(BASE_CLASS));
    }

    static Toolchain toolchain(Path home, URL baseClass) {
        if (home == null) {
            return Toolchain.missing("the tornado target needs the TornadoVM SDK: install it (see README, \"TornadoVM\") and set TORNADOVM_HOME to its directory");
        }
        Path jars = home.resolve("share/java/tornado");
        List<String> sdk = new ArrayList<>();
        try (Stream<Path> files = Files.list(jars)) {
            // TornadoVM's own jars: the SDK also ships its tests' and benchmarks' libraries, which generated code never needs.
            files.filter(f -> f.getFileName().toString().startsWith("tornado-") && f.getFileName().toString().endsWith(".jar")).sorted()
                    .forEach(f -> sdk.add(f.toString()));
        } catch (IOException e) {
            sdk.clear();
        }
        if (sdk.stream().noneMatch(j -> Path.of(j).getFileName().toString().startsWith("tornado-api"))) {
            return Toolchain.missing("TORNADOVM_HOME is " + home + ", but " + jars + " holds no tornado-api jar: point TORNADOVM_HOME to a built TornadoVM SDK"
                    + " (the directory with bin/, share/java/tornado/ and tornado-argfile)");
        }
        if (baseClass == null) {
            return Toolchain.missing("snet's TornadoVM module (dev.snet:snet-tornado) is not on the class path: build it with"
                    + " `TORNADOVM_HOME=" + home + " ./mvnw -Ptornado install` and run snetc with TORNADOVM_HOME set, so the launcher adds it");
        }
        List<String> classpath = new ArrayList<>(List.of(JavaCompilation.runtimeClasspath(), root(baseClass).toString()));
        classpath.addAll(sdk);
        return new Toolchain(classpath, Optional.empty());
    }

    /** The jar or classes directory holding {@code resource} (found at {@link #BASE_CLASS}). */
    private static Path root(URL resource) {
        try {
            String s = resource.toString();
            if (s.startsWith("jar:")) return Path.of(new java.net.URI(s.substring(4, s.indexOf("!/"))));
            Path file = Path.of(resource.toURI());
            for (int i = 0; i < Path.of(BASE_CLASS).getNameCount(); i++) file = file.getParent();
            return file;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
