// Embedded Neo4j 5 Community server for CI and tests (Bolt on loopback, auth on).
// Run with the single-file source launcher (see scripts/neo4j):
//   java -cp 'neo4j-server/target/lib/*' neo4j-server/Neo4jServer.java [--home DIR] [--port N] [--config NAME=VALUE]...
// --config sets any setting of GraphDatabaseSettings by its neo4j.conf name, e.g. db.memory.transaction.max=256m.
// The password of user "neo4j" is set from env NEO4J_PASSWORD (default graphapp-test, >= 8 chars).

import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingImpl;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

public class Neo4jServer {
    public static void main(String[] args) throws Exception {
        Path home = Path.of("neo4j-server/target/home");
        int port = 7687;
        Map<Setting<?>, Object> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--config" -> {
                    String[] pair = args[++i].split("=", 2);
                    SettingImpl<?> setting = setting(pair[0]);
                    settings.put(setting, setting.parse(pair.length > 1 ? pair[1] : ""));
                }
                default -> throw new IllegalArgumentException(
                        "usage: Neo4jServer [--home DIR] [--port N] [--config NAME=VALUE]...");
            }
        }
        String password = System.getenv().getOrDefault("NEO4J_PASSWORD", "graphapp-test");

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home.toAbsolutePath())
                .setUserLogProvider(new Log4jLogProvider(System.out, Level.INFO))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                // Bolt otherwise waits 2 x 5 s on shutdown for (already idle) connections/threads.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                .setConfig(settings)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("neo4j-server: shutting down");
            dbms.shutdown();
            System.out.println("neo4j-server: stopped");
        }));

        setPassword(dbms, password);
        System.out.println("neo4j-server: ready bolt://127.0.0.1:" + port);
        Thread.currentThread().join(); // run until SIGTERM/SIGINT triggers the shutdown hook
    }

    /** The setting of GraphDatabaseSettings named {@code name} in neo4j.conf, e.g. db.memory.transaction.max. */
    static SettingImpl<?> setting(String name) throws IllegalAccessException {
        for (var field : GraphDatabaseSettings.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof SettingImpl<?> setting
                    && setting.name().equals(name)) {
                return setting;
            }
        }
        throw new IllegalArgumentException("--config: no setting named " + name + " in GraphDatabaseSettings");
    }

    /** Set the neo4j user's password without "change required"; idempotent across restarts. */
    static void setPassword(DatabaseManagementService dbms, String password) {
        var system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            // Fails when the new password equals the current one: just clear "change required".
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) throw e;
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
        }
    }
}
