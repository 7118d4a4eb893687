package dev.detour.supervise;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BackoffTest {
    @Test
    void doublesFromOneSecondUpToSixtyWhileCrashesComeQuickly() {
        Backoff backoff = Backoff.initial();
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            backoff = backoff.afterCrash(Duration.ofSeconds(3));
            delays.add(backoff.delay().toSeconds());
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L), delays);
    }

    @Test
    void aStableMinuteResetsToOneSecond() {
        Backoff backoff = Backoff.initial();
        for (int i = 0; i < 5; i++) {
            backoff = backoff.afterCrash(Duration.ofSeconds(1));
        }
        assertEquals(Duration.ofSeconds(16), backoff.delay());
        assertEquals(Duration.ofSeconds(1), backoff.afterCrash(Duration.ofSeconds(60)).delay());
        assertEquals(Duration.ofSeconds(32), backoff.afterCrash(Duration.ofSeconds(59)).delay());
    }
}
