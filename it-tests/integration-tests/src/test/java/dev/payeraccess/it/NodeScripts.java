package dev.payeraccess.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Scripts of the tests run by Node against unmodified npm packages (the SMART on FHIR JavaScript client, the
 * Standard Webhooks verifier): each script's folder under {@code src/test/js} holds a {@code package.json}, the
 * committed {@code package-lock.json} and the script; {@code npm ci} installs them once per build directory, and needs
 * the npm registry.
 */
final class NodeScripts {

    private static final int INSTALL_SECONDS = 300;

    private NodeScripts() {
    }

    /**
     * Copies {@code files} from {@code sources} into {@code dir} (every time: a script changed since the last run
     * must not be run stale) and runs {@code npm ci} there, unless {@code node_modules/{module}} is already installed.
     *
     * @param npmOptions options added to {@code npm ci}
     */
    static Path install(Path dir, Path sources, String module, List<String> files, String... npmOptions)
        throws IOException, InterruptedException {
        Files.createDirectories(dir);
        for (String file : files) {
            Files.copy(sources.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.isDirectory(dir.resolve("node_modules").resolve(module))) {
            return dir;
        }
        List<String> command = new ArrayList<>(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"));
        command.addAll(List.of(npmOptions));
        run(dir, command, INSTALL_SECONDS);
        return dir;
    }

    /** Runs {@code command} in {@code dir}; its output, or an assertion error when it fails or takes too long. */
    static String run(Path dir, List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "exec", ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s:\n"
                + Files.readString(log));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError(command + " failed (" + process.exitValue() + "):\n" + out);
        }
        return out;
    }

    /** The last line of {@code out} that is a JSON object: what the scripts print as their result. */
    static JsonNode lastJsonLine(String out, String what) throws IOException {
        return ApiResponse.JSON.readTree(out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow(
            () -> new AssertionError(what + " printed no result:\n" + out)));
    }
}
