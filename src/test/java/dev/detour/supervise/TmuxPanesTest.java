package dev.detour.supervise;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TmuxPanesTest {
    @Test
    void parsesPaneLinesAndSkipsNoise() {
        assertEquals(Map.of(100L, "work:0.1", 200L, "my session:2.0"),
                TmuxPanes.parse("100 work:0.1\n200 my session:2.0\nno server running\n\n"));
    }

    @Test
    void findsThePaneOfAnAncestor() {
        TmuxPanes panes = new TmuxPanes(Map.of(100L, "work:0.1"));
        Map<Long, Long> parents = Map.of(300L, 200L, 200L, 100L, 100L, 1L, 400L, 1L);
        assertEquals("work:0.1", panes.paneOf(300, parents));
        assertEquals("work:0.1", panes.paneOf(100, parents));
        assertNull(panes.paneOf(400, parents));
        assertNull(panes.paneOf(999, parents));
    }
}
