package dev.payeraccess.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A machine without PostgreSQL or nginx fails the cluster stack with the packages to install, never silently. */
class ClusterToolsTest {

    @TempDir
    Path host;

    @Test
    void withoutPostgresAndNginxTheErrorNamesBothDebianPackages() {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> ClusterTools.find(
            host.resolve("usr/lib/postgresql"), List.of(host.resolve("usr/sbin/nginx")), host.resolve("passwd"), true));

        assertTrue(missing.getMessage().contains("PostgreSQL") && missing.getMessage().contains("nginx"),
            missing.getMessage());
        assertTrue(missing.getMessage().contains("apt-get install postgresql nginx"), missing.getMessage());
    }

    @Test
    void asRootThePostgresUserMustExistToo() throws IOException {
        Path versions = postgres("15");
        Path nginx = executable("usr/sbin/nginx");
        Files.writeString(host.resolve("passwd"), "root:x:0:0::/root:/bin/bash\n");

        IllegalStateException missing = assertThrows(IllegalStateException.class,
            () -> ClusterTools.find(versions, List.of(nginx), host.resolve("passwd"), true));

        assertTrue(missing.getMessage().contains("postgres user"), missing.getMessage());
    }

    @Test
    void findsTheNewestPostgresAndRunsItsServerAsPostgresWhenRoot() throws IOException {
        postgres("13");
        Path versions = postgres("15");
        Path nginx = executable("usr/sbin/nginx");
        Files.writeString(host.resolve("passwd"), "postgres:x:100:102::/var/lib/postgresql:/bin/bash\n");

        ClusterTools tools = ClusterTools.find(versions, List.of(nginx), host.resolve("passwd"), true);

        assertEquals(versions.resolve("15/bin"), tools.postgresBin());
        assertEquals(List.of("runuser", "-u", "postgres", "--", versions.resolve("15/bin/initdb").toString(), "-D",
            "x"),
            tools.postgresServerCommand("initdb", "-D", "x"));
    }

    private Path postgres(String version) throws IOException {
        executable("usr/lib/postgresql/" + version + "/bin/initdb");
        executable("usr/lib/postgresql/" + version + "/bin/pg_ctl");
        return host.resolve("usr/lib/postgresql");
    }

    private Path executable(String path) throws IOException {
        Path file = host.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
