package dev.detour.tui.shell;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.input.InputDecoder;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.input.MouseAction;
import com.googlecode.lanterna.input.MouseActionType;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SGR mouse reports through Lanterna's own input decoder, as the dashboard's terminal decodes them. */
class SgrMouseTest {
    static InputDecoder decoder(String input) {
        InputDecoder decoder = new InputDecoder(new StringReader(input));
        decoder.setTimeoutUnits(1);
        decoder.addProfile(new com.googlecode.lanterna.input.DefaultKeyDecodingProfile());
        decoder.addProfile(SgrMouse.PROFILE);
        return decoder;
    }

    static MouseAction mouse(KeyStroke key) {
        return assertInstanceOf(MouseAction.class, key, String.valueOf(key));
    }

    @Test
    void clicksReleasesAndTheWheelDecodeWithZeroBasedPositionsAndKeysAroundThemStillDecode() throws Exception {
        InputDecoder d = decoder("j\033[<0;12;6M\033[<0;12;6m\033[<65;3;4M\033[<64;3;4M\033[<2;1;1M\033[<0;240;60M\033[Ak");
        assertEquals('j', d.getNextCharacter(true).getCharacter());
        MouseAction click = mouse(d.getNextCharacter(true));
        assertEquals(MouseActionType.CLICK_DOWN, click.getActionType());
        assertEquals(1, click.getButton());
        assertEquals(new TerminalPosition(11, 5), click.getPosition());
        assertEquals(MouseActionType.CLICK_RELEASE, mouse(d.getNextCharacter(true)).getActionType());
        MouseAction down = mouse(d.getNextCharacter(true));
        assertEquals(MouseActionType.SCROLL_DOWN, down.getActionType());
        assertEquals(new TerminalPosition(2, 3), down.getPosition());
        assertEquals(MouseActionType.SCROLL_UP, mouse(d.getNextCharacter(true)).getActionType());
        assertEquals(3, mouse(d.getNextCharacter(true)).getButton(), "right button");
        assertEquals(new TerminalPosition(239, 59), mouse(d.getNextCharacter(true)).getPosition(),
                "past column 223, where the X10 form stops");
        assertEquals(KeyType.ArrowUp, d.getNextCharacter(true).getKeyType());
        assertEquals('k', d.getNextCharacter(true).getCharacter());
    }

    @Test
    void aMalformedReportIsNoMouseAction() throws Exception {
        InputDecoder d = decoder("\033[<0;;5Mz");
        KeyStroke first = d.getNextCharacter(true);
        assertFalse(first instanceof MouseAction, String.valueOf(first));
    }

    @Test
    void theMouseIsAskedForOnlyWhereTheTerminalHasOneAndNobodyTurnedItOff() {
        assertTrue(SgrMouse.wanted(Map.of("TERM", "xterm-256color")));
        assertTrue(SgrMouse.wanted(Map.of("TERM", "tmux-256color", "DETOUR_NO_MOUSE", "")));
        assertFalse(SgrMouse.wanted(Map.of("TERM", "xterm-256color", "DETOUR_NO_MOUSE", "1")));
        assertFalse(SgrMouse.wanted(Map.of("TERM", "dumb")));
        assertFalse(SgrMouse.wanted(Map.of("TERM", "linux")));
        assertFalse(SgrMouse.wanted(Map.of()));
        assertTrue(SgrMouse.ENABLE.contains("1006") && SgrMouse.DISABLE.contains("1006l") && SgrMouse.DISABLE.contains("1000l"));
    }
}
