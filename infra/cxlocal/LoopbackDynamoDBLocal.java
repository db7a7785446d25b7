// DynamoDB Local, listening on one host only (127.0.0.1 unless -Dcxlocal.host says otherwise).
//
// DynamoDB Local has no bind option: ServerRunner builds a Jetty Server(port), whose connector listens on
// every interface, with no authentication, while it holds transcripts. This builds the same server from the
// same command line, sets the host on its connectors before it starts, and checks what it bound.
// cxlocal/dynamodb_local.py compiles it once (needs a JDK) and runs it with DynamoDBLocal.jar on the class path.

import java.lang.reflect.Field;
import java.net.InetAddress;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public final class LoopbackDynamoDBLocal {
    private LoopbackDynamoDBLocal() {}

    public static void main(String[] args) throws Exception {
        String host = System.getProperty("cxlocal.host", "127.0.0.1");
        DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server server = (Server) field.get(proxy);
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

    private static void fail(String message) {
        System.err.println(message);
        System.exit(3);
    }
}
