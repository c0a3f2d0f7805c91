package io.agora.sdk.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bots of {@code agora load} on plain sockets: each bot follows its round stream and answers every new round with
 * its true type, as the SDK's bots do, but HTTP/1.1 is written and read here by hand, for all bots on one selector
 * thread. The load generator shares the machine it measures, and through the JDK's HTTP client it spent as much CPU
 * per report as the gateway itself; on sockets it spends a fraction of that, so that the benchmark measures the
 * gateway. Plain {@code http} only; {@code agora load --transport sdk} plays the same bots through {@code AgoraClient}.
 *
 * <p>Two connections per bot: its round stream (server-sent events in chunks) and its reports (keep-alive; a report
 * may be sent before the previous one's answer arrived, so answers are matched in order).
 *
 * <p>Length: about 400 lines because the selector loop, the buffered input, the two kinds of connection and the parsing
 * of their responses (status and headers, chunks, events) are one small HTTP client, kept in one file so that it reads
 * top to bottom; none of it is used elsewhere.
 */
final class SocketBots implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    /** Where acknowledged reports and failures are counted. */
    interface Sink {
        boolean counting();

        void acknowledged(long micros);

        void failed();
    }

    /** One bot: the node it talks to, its bearer token and its market (it holds a seat there). */
    record Bot(URI node, String token, String market) {
    }

    private final Selector selector;
    private final Sink sink;
    private final List<Connection> connections = new ArrayList<>();
    private final Thread loop;
    private volatile boolean stop;

    SocketBots(List<Bot> bots, Sink sink) throws IOException {
        this.selector = Selector.open();
        this.sink = sink;
        for (Bot bot : bots) {
            if (!"http".equalsIgnoreCase(bot.node().getScheme())) {
                throw new IllegalArgumentException("--transport socket speaks plain http only; use --transport sdk for " + bot.node());
            }
            Reports reports = new Reports(bot, open(bot.node()));
            Stream stream = new Stream(bot, open(bot.node()), reports);
            connections.add(reports);
            connections.add(stream);
            reports.channel.register(selector, SelectionKey.OP_READ, reports);
            stream.channel.register(selector, SelectionKey.OP_READ, stream);
            stream.send(("GET /api/markets/" + bot.market() + "/rounds/stream HTTP/1.1\r\nHost: " + host(bot.node())
                    + "\r\nAuthorization: Bearer " + bot.token() + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        loop = new Thread(this::run, "socket-bots");
        loop.setDaemon(true);
        loop.start();
    }

    private static SocketChannel open(URI node) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress(node.getHost(), node.getPort() < 0 ? 80 : node.getPort()));
        channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        return channel;
    }

    private static String host(URI node) {
        return node.getHost() + (node.getPort() < 0 ? "" : ":" + node.getPort());
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
        try {
            while (!stop) {
                selector.select(200);
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection c = (Connection) key.attachment();
                    try {
                        if (key.isValid() && key.isWritable()) {
                            c.flush(key);
                        }
                        if (key.isValid() && key.isReadable()) {
                            buffer.clear();
                            int n = c.channel.read(buffer);
                            if (n < 0) {
                                c.closed(key);
                            } else if (n > 0) {
                                buffer.flip();
                                c.in.append(buffer);
                                c.received();
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        sink.failed();
                        c.closed(key);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        stop = true;
        selector.wakeup();
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Connection c : connections) {
            c.channel.close();
        }
        selector.close();
    }

    /** Bytes received and not yet consumed. */
    private static final class Input {
        byte[] bytes = new byte[8192];
        int start;
        int end;

        void append(ByteBuffer b) {
            int n = b.remaining();
            if (end + n > bytes.length) {
                int live = end - start;
                byte[] next = live + n > bytes.length ? new byte[Math.max(2 * bytes.length, live + n)] : bytes;
                System.arraycopy(bytes, start, next, 0, live);
                bytes = next;
                start = 0;
                end = live;
            }
            b.get(bytes, end, n);
            end += n;
        }

        /** The index just past the next CRLF from {@code from}, or -1. */
        int lineEnd(int from) {
            for (int i = from; i + 1 < end; i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                    return i + 2;
                }
            }
            return -1;
        }

        /** The index just past the blank line that ends a response's headers, or -1. */
        int headersEnd() {
            for (int i = start; i + 3 < end; i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                    return i + 4;
                }
            }
            return -1;
        }

        String ascii(int from, int to) {
            return new String(bytes, from, to - from, StandardCharsets.US_ASCII);
        }
    }

    private abstract class Connection {
        final Bot bot;
        final SocketChannel channel;
        final Input in = new Input();
        private ByteBuffer out;

        Connection(Bot bot, SocketChannel channel) {
            this.bot = bot;
            this.channel = channel;
        }

        void send(byte[] request) throws IOException {
            if (out != null) {
                ByteBuffer both = ByteBuffer.allocate(out.remaining() + request.length).put(out).put(request);
                both.flip();
                out = both;
                return;
            }
            ByteBuffer b = ByteBuffer.wrap(request);
            channel.write(b);
            if (b.hasRemaining()) {
                out = b;
                channel.keyFor(selector).interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        }

        void flush(SelectionKey key) throws IOException {
            if (out != null) {
                channel.write(out);
                if (!out.hasRemaining()) {
                    out = null;
                    key.interestOps(SelectionKey.OP_READ);
                }
            }
        }

        void closed(SelectionKey key) {
            key.cancel();
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        abstract void received() throws IOException;

        /** The status of the response whose headers start the input. */
        int status() {
            String line = in.ascii(in.start, in.lineEnd(in.start) - 2);
            if (!line.startsWith("HTTP/1.1 ") || line.length() < 12) {
                throw new IllegalStateException("not an HTTP/1.1 response: " + line);
            }
            return Integer.parseInt(line.substring(9, 12));
        }
    }

    /** A bot's report connection: answers arrive in the order the reports were sent. */
    private final class Reports extends Connection {
        private final ArrayDeque<Long> sent = new ArrayDeque<>();
        private final String path;
        private final String headers;

        Reports(Bot bot, SocketChannel channel) {
            super(bot, channel);
            path = "POST /api/markets/" + bot.market() + "/rounds/";
            headers = "/reports HTTP/1.1\r\nHost: " + host(bot.node()) + "\r\nAuthorization: Bearer " + bot.token()
                    + "\r\nContent-Type: application/json\r\n";
        }

        void submit(int round, byte[] body) throws IOException {
            byte[] head = (path + round + headers + "Idempotency-Key: r" + round + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] request = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            sent.add(System.nanoTime());
            send(request);
        }

        @Override
        void received() {
            while (true) {
                int headersEnd = in.headersEnd();
                if (headersEnd < 0) {
                    return;
                }
                int length = contentLength(headersEnd);
                if (in.end - headersEnd < length) {
                    return;
                }
                int status = status();
                Long sentAt = sent.poll();
                in.start = headersEnd + length;
                if (sentAt != null && sink.counting()) {
                    if (status == 200 || status == 201) {
                        sink.acknowledged((System.nanoTime() - sentAt) / 1000);
                    } else {
                        sink.failed();
                    }
                }
            }
        }

        private int contentLength(int headersEnd) {
            int line = in.lineEnd(in.start);
            while (line > 0 && line < headersEnd - 2) {
                int next = in.lineEnd(line);
                String header = in.ascii(line, next - 2);
                if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    return Integer.parseInt(header.substring(15).trim());
                }
                line = next;
            }
            return 0;
        }
    }

    /** A bot's round stream: server-sent events in chunks, one RoundView per event. */
    private final class Stream extends Connection {
        private final Reports reports;
        private final Input events = new Input();
        private boolean started;
        private int last;

        Stream(Bot bot, SocketChannel channel, Reports reports) {
            super(bot, channel);
            this.reports = reports;
        }

        @Override
        void received() throws IOException {
            if (!started) {
                int headersEnd = in.headersEnd();
                if (headersEnd < 0) {
                    return;
                }
                int status = status();
                if (status != 200) {
                    throw new IllegalStateException("the round stream of market " + bot.market() + " answered " + status);
                }
                in.start = headersEnd;
                started = true;
            }
            while (true) { // chunks: a hex size line, the data, CRLF
                int sizeEnd = in.lineEnd(in.start);
                if (sizeEnd < 0) {
                    return;
                }
                int size = Integer.parseInt(in.ascii(in.start, sizeEnd - 2).split(";")[0].trim(), 16);
                if (size == 0) {
                    return; // the stream ended with its market
                }
                if (in.end - sizeEnd < size + 2) {
                    return;
                }
                events.append(ByteBuffer.wrap(in.bytes, sizeEnd, size));
                in.start = sizeEnd + size + 2;
                dispatch();
            }
        }

        /** Every complete event (ended by a blank line) in what the chunks carried. */
        private void dispatch() throws IOException {
            for (int i = events.start; i + 1 < events.end; i++) {
                if (events.bytes[i] == '\n' && events.bytes[i + 1] == '\n') {
                    event(events.start, i);
                    events.start = i + 2;
                    i = events.start - 1;
                }
            }
        }

        private void event(int from, int to) throws IOException {
            int data = from;
            while (data < to) {
                int lineEnd = data;
                while (lineEnd < to && events.bytes[lineEnd] != '\n') {
                    lineEnd++;
                }
                if (lineEnd - data > 5 && new String(events.bytes, data, 5, StandardCharsets.US_ASCII).equals("data:")) {
                    round(data + 5, lineEnd);
                }
                data = lineEnd + 1;
            }
        }

        /** A RoundView: answer a new collecting round with the type it carries (the truthful report). */
        private void round(int from, int to) throws IOException {
            int round = -1;
            boolean collecting = false;
            boolean reported = true;
            byte[] type = null;
            try (JsonParser p = JSON.createParser(events.bytes, from, to - from)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (field) {
                        case "round" -> round = p.getIntValue();
                        case "phase" -> collecting = "collecting".equals(p.getText());
                        case "reported" -> reported = value == JsonToken.VALUE_TRUE;
                        case "type" -> {
                            if (value == JsonToken.START_OBJECT) {
                                ByteArrayBuilder copy = new ByteArrayBuilder(256);
                                try (JsonGenerator g = JSON.createGenerator(copy)) {
                                    g.copyCurrentStructure(p);
                                }
                                type = copy.toByteArray();
                            }
                        }
                        default -> p.skipChildren();
                    }
                }
            }
            if (!stop && collecting && !reported && type != null && round > last) {
                last = round;
                reports.submit(round, type);
            }
        }
    }
}
