package dev.detour.tui.view;

/** What a piece of text is; the theme decides how it looks (with or without colour). */
public enum Style {
    NORMAL, DIM, BOLD, BRAND, TITLE, TITLE_FOCUSED, COLUMN_HEADER, CURSOR,
    OK, WARN, BAD, ACCENT, MARK, KEY, FLASH_INFO, FLASH_ERROR, LIVE, PAUSED, DIALOG, DIALOG_TITLE, BUTTON,
    BUTTON_FOCUSED
}
