package dev.detour.journal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.detour.config.PrivateFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Appends events to {@code events.jsonl} (one JSON object per line, shared by every detour process) and reads the newest. */
public final class EventJournal {
    /**
     * Lines are written with Jackson's string quoting and read with its object mapper, made on first read: the mapper's
     * set-up (and even the streaming factory's) is a large part of a {@code detour reroute}, which only writes
     * (scripts/bench-cli).
     */
    private static final class Reader {
        static final ObjectMapper JSON = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    private final Path file;

    public EventJournal(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Appends one line under a file lock so that lines from several bridges never interleave. */
    public void append(Event event) throws IOException {
        byte[] line = line(event);
        PrivateFiles.file(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
             FileLock ignored = channel.lock()) {
            channel.write(java.nio.ByteBuffer.wrap(line));
        }
    }

    /** One line of JSON: the event's fields in declaration order, null ones left out (as {@link Event} says). */
    static byte[] line(Event event) {
        StringBuilder json = new StringBuilder(256).append('{');
        field(json, "time", event.time() == null ? null : event.time().toString());
        field(json, "kind", event.kind());
        field(json, "session", event.session());
        field(json, "from", event.from());
        field(json, "to", event.to());
        field(json, "reason", event.reason());
        return json.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void field(StringBuilder json, String name, String value) {
        if (value != null) {
            json.append(json.length() > 1 ? ",\"" : "\"").append(name).append("\":\"")
                    .append(JsonStringEncoder.getInstance().quoteAsString(value)).append('"');
        }
    }

    /** The newest {@code max} events, oldest first; lines that do not parse are skipped. */
    public List<Event> newest(int max) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines = tailLines(max);
        List<Event> events = new ArrayList<>(lines.size());
        for (String line : lines) {
            try {
                events.add(Reader.JSON.readValue(line, Event.class));
            } catch (IOException malformed) {
                // a line cut by a crash or written by a newer version: skip it, keep the rest
            }
        }
        return events;
    }

    private List<String> tailLines(int max) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long start = Math.max(0, length - (long) max * 512);
            raf.seek(start);
            byte[] bytes = new byte[(int) (length - start)];
            raf.readFully(bytes);
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
            int from = start > 0 ? 1 : 0;
            List<String> result = new ArrayList<>();
            for (int i = Math.max(from, lines.length - max); i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    result.add(lines[i]);
                }
            }
            return result;
        }
    }
}
