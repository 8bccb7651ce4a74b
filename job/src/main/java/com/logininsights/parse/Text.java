package com.logininsights.parse;

/** Strings as valid Unicode. */
final class Text {
    private Text() {}

    /** {@code text} with every unpaired surrogate replaced by U+FFFD; the same string when it has none. */
    static String wellFormed(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return replaceLoneSurrogates(text, i);
            }
        }
        return text;
    }

    private static String replaceLoneSurrogates(String text, int from) {
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, from);
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
