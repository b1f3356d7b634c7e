package dev.vela.conformance.report;

/** Escaping for the hand-written XML and HTML reports (the JSON report is written with Gson). */
final class Escaping {

    private Escaping() {}

    /** @return {@code s} safe in XML/HTML text and attribute values; characters XML 1.0 forbids become U+FFFD */
    static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == '\uFFFE' || c == '\uFFFF') {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
