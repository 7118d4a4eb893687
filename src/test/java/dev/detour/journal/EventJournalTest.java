package dev.detour.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EventJournalTest {
    private static final ObjectMapper DATABIND = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void linesAreWhatTheObjectMapperWouldWriteNullsLeftOut() throws Exception {
        for (Event event : List.of(
                new Event(Instant.parse("2026-11-30T08:51:12.123456789Z"), "reroute", "main", "a", "b", "cli: \"quoted\" \u00e9\n"),
                new Event(Instant.parse("2026-11-30T08:51:12Z"), "bridge_start", "main", null, "127.0.0.1:8781", "pid 7"),
                new Event(Instant.EPOCH, "health", null, null, null, null))) {
            assertEquals(DATABIND.writeValueAsString(event) + "\n", new String(EventJournal.line(event), StandardCharsets.UTF_8));
        }
    }

    @Test
    void appendedEventsReadBackNewestLast(@TempDir Path dir) throws Exception {
        EventJournal journal = new EventJournal(dir.resolve("events.jsonl"));
        Event first = new Event(Instant.parse("2026-11-30T08:00:00Z"), "reroute", "main", "a", "b", "cli");
        Event second = new Event(Instant.parse("2026-11-30T08:00:01.5Z"), "bridge_exit", "main", null, null, "SIGTERM");
        journal.append(first);
        journal.append(second);
        assertEquals(List.of(first, second), journal.newest(10));
        assertEquals(2, Files.readAllLines(dir.resolve("events.jsonl")).size());
    }
}
