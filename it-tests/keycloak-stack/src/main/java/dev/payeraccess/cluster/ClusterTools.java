package dev.payeraccess.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The programs a cluster stack runs besides Keycloak, from Debian's packages {@code postgresql} and {@code nginx},
 * found where Debian installs them. Missing ones are an error naming the packages, never a reason to skip:
 * the cluster tests must fail on a machine that cannot run them.
 *
 * <p>PostgreSQL refuses to run as root, and the tests and CI run as root: then {@code initdb} and {@code pg_ctl}
 * run as the {@code postgres} user the Debian package creates, through {@code runuser -u postgres --}.
 *
 * @param postgresBin e.g. {@code /usr/lib/postgresql/15/bin}
 * @param nginx e.g. {@code /usr/sbin/nginx}
 * @param asRoot whether this JVM runs as root, so PostgreSQL's server programs must change user
 */
public record ClusterTools(Path postgresBin, Path nginx, boolean asRoot) {

    /** What to tell someone whose machine lacks them; the README and {@code .ci/run} say the same. */
    public static final String INSTALL_HINT = "the cluster stack needs Debian's packages postgresql and nginx: "
        + "apt-get install postgresql nginx (.ci/run installs them)";

    private static final Path POSTGRES_VERSIONS = Path.of("/usr/lib/postgresql");
    private static final List<Path> NGINX = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx"));

    /** The programs where Debian installs them; an {@link IllegalStateException} naming the packages if not. */
    public static ClusterTools find() {
        return find(POSTGRES_VERSIONS, NGINX, Path.of("/etc/passwd"), "root".equals(System.getProperty("user.name")));
    }

    static ClusterTools find(Path postgresVersions, List<Path> nginxCandidates, Path passwd, boolean asRoot) {
        List<String> missing = new ArrayList<>();
        Optional<Path> postgresBin = newestPostgres(postgresVersions);
        if (postgresBin.isEmpty()) {
            missing.add("PostgreSQL (no " + postgresVersions + "/*/bin/initdb)");
        }
        Optional<Path> nginx = nginxCandidates.stream().filter(Files::isExecutable).findFirst();
        if (nginx.isEmpty()) {
            missing.add("nginx (none of " + nginxCandidates + ")");
        }
        if (asRoot && postgresBin.isPresent() && !postgresUserExists(passwd)) {
            missing.add("the postgres user the postgresql package creates");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Missing " + String.join(" and ", missing) + ": " + INSTALL_HINT);
        }
        return new ClusterTools(postgresBin.get(), nginx.get(), asRoot);
    }

    /** {@code program} of PostgreSQL's server, as the user allowed to run it. */
    List<String> postgresServerCommand(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (asRoot) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(postgresBin.resolve(program).toString());
        command.addAll(List.of(args));
        return command;
    }

    /** A PostgreSQL client program ({@code createdb}, {@code psql}); clients may run as anyone. */
    List<String> postgresClientCommand(String program, String... args) {
        List<String> command = new ArrayList<>();
        command.add(postgresBin.resolve(program).toString());
        command.addAll(List.of(args));
        return command;
    }

    private static boolean postgresUserExists(Path passwd) {
        try (Stream<String> users = Files.lines(passwd)) {
            return users.anyMatch(line -> line.startsWith("postgres:"));
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Path> newestPostgres(Path postgresVersions) {
        if (!Files.isDirectory(postgresVersions)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(postgresVersions)) {
            return versions.map(v -> v.resolve("bin"))
                .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                .max(Comparator.comparingInt(ClusterTools::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int majorVersion(Path bin) {
        String name = bin.getParent().getFileName().toString();
        return name.matches("\\d+") ? Integer.parseInt(name) : 0;
    }
}
