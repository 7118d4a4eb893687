package dev.detour.translate;

/** A request or reply that cannot be translated; the message says what was found and what was expected. */
public final class TranslationException extends RuntimeException {
    public TranslationException(String message) {
        super(message);
    }
}
