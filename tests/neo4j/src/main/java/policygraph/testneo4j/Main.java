package policygraph.testneo4j;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.Transaction;
import org.neo4j.io.ByteUnit;

/**
 * A real Neo4j 5.26 community server for policygraph's tests.
 *
 * <p>Usage: {@code Main ROOT_DIR PORT TX_TIMEOUT_SECONDS}, with the password of the {@code neo4j}
 * user in the environment variable {@code NEO4J_TEST_PASSWORD}. It starts a server in
 * {@code ROOT_DIR/main} with Bolt on 127.0.0.1:PORT (authentication on, HTTP off, a
 * server-side transaction timeout, a small page cache) and prints
 * {@code READY main bolt://127.0.0.1:PORT VERSION}.
 *
 * <p>Community edition serves one user database per server, so a test that needs a graph of
 * its own asks for another server in the same JVM: the stdin line
 * {@code start NAME PORT [TX_TIMEOUT_SECONDS]} answers
 * {@code READY NAME bolt://127.0.0.1:PORT VERSION} (or {@code FAILED NAME reason}).
 * The end of stdin or SIGTERM stops every server cleanly.
 */
public final class Main {
    private static final Map<String, DatabaseManagementService> SERVERS = new LinkedHashMap<>();
    private static Path root;
    private static Duration txTimeout;
    private static String password;

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: Main ROOT_DIR PORT TX_TIMEOUT_SECONDS (password in NEO4J_TEST_PASSWORD)");
            System.exit(2);
        }
        root = Path.of(args[0]);
        txTimeout = Duration.ofSeconds(Long.parseLong(args[2]));
        password = System.getenv("NEO4J_TEST_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("NEO4J_TEST_PASSWORD must hold a password of at least 8 characters");
            System.exit(2);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(Main::stopAll, "neo4j-test-shutdown"));
        try {
            start("main", Integer.parseInt(args[1]), txTimeout);
        } catch (RuntimeException err) {
            System.out.println("FAILED main " + oneLine(err));
            System.out.flush();
            System.exit(1);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split("\\s+");
            if ((words.length == 3 || words.length == 4) && words[0].equals("start")) {
                try {
                    Duration timeout = words.length == 4 ? Duration.ofSeconds(Long.parseLong(words[3])) : txTimeout;
                    start(words[1], Integer.parseInt(words[2]), timeout);
                } catch (RuntimeException err) {
                    System.out.println("FAILED " + words[1] + " " + oneLine(err));
                    System.out.flush();
                }
            } else if (!line.isBlank()) {
                System.out.println("FAILED ? unknown command: " + line.trim());
                System.out.flush();
            }
        }
        System.exit(0); // stdin closed: the shutdown hook stops every server
    }

    private static synchronized void start(String name, int port, Duration timeout) {
        if (!name.matches("[A-Za-z0-9_-]+") || SERVERS.containsKey(name)) {
            throw new IllegalArgumentException("bad or duplicate server name " + name);
        }
        DatabaseManagementService service = new DatabaseManagementServiceBuilder(root.resolve(name))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.transaction_timeout, timeout)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(64))
                // Test databases are small and thrown away: no 250 MB pre-allocated log files.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .build();
        SERVERS.put(name, service);
        // Set-up transactions get a long limit of their own: a test server may have a very short
        // db.transaction.timeout (the timeout test uses 2 s) and a busy machine is slow.
        try (Transaction tx = service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
                .beginTx(120, TimeUnit.SECONDS)) {
            tx.execute("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password))
                    .close();
            tx.commit();
        }
        String version;
        try (Transaction tx = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME)
                .beginTx(120, TimeUnit.SECONDS)) {
            version = String.valueOf(
                    tx.execute("CALL dbms.components() YIELD versions RETURN versions[0] AS v").next().get("v"));
            tx.commit();
        }
        System.out.println("READY " + name + " bolt://127.0.0.1:" + port + " " + version);
        System.out.flush();
    }

    private static synchronized void stopAll() {
        for (DatabaseManagementService service : SERVERS.values()) {
            try {
                service.shutdown();
            } catch (RuntimeException err) {
                System.err.println("neo4j-test: shutdown failed: " + oneLine(err));
            }
        }
        SERVERS.clear();
    }

    private static String oneLine(Throwable err) {
        Throwable cause = err;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return (err.getMessage() + " / " + cause).replaceAll("\\s+", " ");
    }
}
