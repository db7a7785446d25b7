// DynamoDB Local, listening on one host only (127.0.0.1 unless -Dcxlocal.host says otherwise).
//
// DynamoDB Local has no bind option: ServerRunner builds a Jetty Server(port), whose connector listens on
// every interface, with no authentication, while it holds transcripts. This builds the same server from the
// same command line, sets the host on its connectors before it starts, and checks what it bound.
// cxlocal/dynamodb_local.py compiles it once (needs a JDK) and runs it with DynamoDBLocal.jar on the class path.
//
// On disk (-dbPath), DynamoDB Local's SQLite commits every item in a transaction of its own, in SQLite's default
// rollback-journal mode with synchronous=FULL: several fsyncs per item, about 16 ms each on this project's
// machines, so a bulk load of 30,000 items waited eight minutes on the disk. With -Dcxlocal.sqlite=wal each
// database DynamoDB Local opens is switched to write-ahead logging with synchronous=NORMAL (SQLite's documented
// setting for WAL: a commit is an append to the log, synced at checkpoints). A killed JVM or cx process loses
// nothing committed; a power cut or OS crash can lose the last commits, never corrupt the file.

import java.io.File;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteException;
import com.almworks.sqlite4java.SQLiteJob;
import com.almworks.sqlite4java.SQLiteQueue;
import com.almworks.sqlite4java.SQLiteStatement;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public final class LoopbackDynamoDBLocal {
    // bytes of write-ahead log before it is checkpointed (-Dcxlocal.walLimit: a test's smaller figure)
    private static final long WAL_LIMIT = Long.getLong("cxlocal.walLimit", 32L << 20);
    private LoopbackDynamoDBLocal() {}

    public static void main(String[] args) throws Exception {
        String host = System.getProperty("cxlocal.host", "127.0.0.1");
        DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
        Server server = (Server) read(proxy, DynamoDBProxyServer.class, "server");
        if ("wal".equals(System.getProperty("cxlocal.sqlite", ""))) {
            writeAheadLog(proxy);
        }
        Connector[] connectors = server.getConnectors();
        if (connectors.length == 0) {
            fail("DynamoDB Local's Jetty server has no connector to bind to " + host);
        }
        for (Connector connector : connectors) {
            if (!(connector instanceof ServerConnector)) {
                fail("DynamoDB Local's connector is a " + connector.getClass().getName() + ", not a ServerConnector");
            }
            ((ServerConnector) connector).setHost(host);
        }
        proxy.start(); // on a bind failure it prints "Could not start server on port N: <reason>" and stops
        InetAddress wanted = InetAddress.getByName(host);
        for (Connector connector : connectors) {
            ServerConnector bound = (ServerConnector) connector;
            if (!bound.isOpen()) {
                fail("DynamoDB Local did not start on " + host);
            }
            java.net.ServerSocket socket = bound.getTransport() instanceof java.nio.channels.ServerSocketChannel channel
                    ? channel.socket() : null;
            if (socket == null || !wanted.equals(socket.getInetAddress())) {
                fail("DynamoDB Local is listening on " + (socket == null ? "?" : socket.getInetAddress())
                        + ", not on " + host);
            }
        }
        System.err.println("DynamoDB Local listening on " + host + ":" + ((ServerConnector) connectors[0]).getLocalPort());
        proxy.join();
    }

    private static Object read(Object owner, Class<?> declaring, String name) throws ReflectiveOperationException {
        Field field = declaring.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }

    /** Every database the request handler opens (lazily, on its first request) is put in WAL mode first. */
    private static void writeAheadLog(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Object serverHandler = read(proxy, DynamoDBProxyServer.class, "serverHandler");
        Object handler = read(serverHandler, serverHandler.getClass().getSuperclass(), "primaryHandler");
        Field databases = handler.getClass().getDeclaredField("dbRequestHandlers");
        databases.setAccessible(true);
        if (!((Map<?, ?>) databases.get(handler)).isEmpty()) {
            fail("DynamoDB Local opened a database before its request handler could be set up");
        }
        databases.set(handler, new ConcurrentHashMap<Object, Object>() {
            @Override
            public Object put(Object name, Object database) {
                try {
                    Object access = read(database, database.getClass(), "dbAccess");
                    SQLiteQueue queue = (SQLiteQueue) read(access, access.getClass(), "queue");
                    File file = queue.execute(new SQLiteJob<File>() {
                        @Override
                        protected File job(SQLiteConnection connection) throws SQLiteException {
                            File on = connection.getDatabaseFile();
                            if (on != null) {
                                connection.exec("PRAGMA synchronous=NORMAL");
                                String mode = pragma(connection, "PRAGMA journal_mode=WAL");
                                if (!"wal".equalsIgnoreCase(mode)) {
                                    fail("DynamoDB Local's SQLite refused write-ahead logging (journal mode " + mode + ")");
                                }
                            }
                            return on;
                        }
                    }).complete();
                    if (file != null) {
                        checkpointEverySecond(queue, new File(file.getPath() + "-wal"));
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    fail("could not set DynamoDB Local's SQLite to write-ahead logging: " + e);
                }
                return super.put(name, database);
            }
        });
    }

    /**
     * SQLite's automatic checkpoints never complete under DynamoDB Local (its log grew to 280 MB over one load
     * while the database file stayed empty), so the log is copied into the database and truncated here, in
     * DynamoDB Local's own queue (between its jobs), once it holds more than WAL_LIMIT bytes.
     */
    private static void checkpointEverySecond(SQLiteQueue queue, File log) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "cxlocal-wal-checkpoint");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            if (log.length() <= WAL_LIMIT || queue.isStopped()) {
                return;
            }
            try {
                queue.execute(new SQLiteJob<String>() {
                    @Override
                    protected String job(SQLiteConnection connection) throws SQLiteException {
                        return pragma(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
                    }
                }).complete();
            } catch (RuntimeException e) { // a busy or stopping database: tried again in a second
                System.err.println("cxlocal: write-ahead log checkpoint failed, retrying: " + e);
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    private static String pragma(SQLiteConnection connection, String sql) throws SQLiteException {
        SQLiteStatement statement = connection.prepare(sql);
        try {
            statement.step();
            return statement.columnString(0);
        } finally {
            statement.dispose();
        }
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(3);
    }
}
