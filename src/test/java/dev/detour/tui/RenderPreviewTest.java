package dev.detour.tui;

import com.googlecode.lanterna.TerminalSize;
import org.junit.jupiter.api.Test;

class RenderPreviewTest {
    @Test
    void preview() {
        for (int[] size : new int[][]{{80, 24}, {120, 40}, {60, 12}}) {
            try (Screens s = new Screens(size[0], size[1])) {
                DashboardState st = DashboardState.initial(Fixtures.snapshot(), new Mode(false, true, true),
                        new TerminalSize(size[0], size[1]), Fixtures.NOW);
                System.out.println(s.draw(st));
            }
        }
    }
}
