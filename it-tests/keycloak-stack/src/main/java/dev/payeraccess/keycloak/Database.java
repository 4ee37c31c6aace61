package dev.payeraccess.keycloak;

import java.nio.file.Path;
import java.util.List;

/**
 * The database a Keycloak node runs on, as {@code kc.sh start} options; the matching {@code --db} is a build option.
 */
public sealed interface Database {

    List<String> startOptions();

    /** {@code --db=dev-file}: an H2 file of this node's own in {@code dir}. */
    record DevFile(Path dir) implements Database {

        public DevFile {
            dir = dir.toAbsolutePath();
        }

        @Override
        public List<String> startOptions() {
            return List.of("--db-url=" + KeycloakServer.h2Url(dir) + ";NON_KEYWORDS=VALUE;DB_CLOSE_ON_EXIT=TRUE");
        }
    }

    /** {@code --db=postgres}: a PostgreSQL database the nodes of a cluster share. */
    record Postgres(String jdbcUrl, String user, String password) implements Database {

        @Override
        public List<String> startOptions() {
            return List.of("--db-url=" + jdbcUrl, "--db-username=" + user, "--db-password=" + password);
        }
    }
}
