package dev.cowpte.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void coordinatesHaveAtMostOneDecimalAndNoNegativeZero() {
        assertEquals("12", Html.num(12.0));
        assertEquals("12", Html.num(12.04));
        assertEquals("12.1", Html.num(12.05));
        assertEquals("0.3", Html.num(0.26));
        assertEquals("-0.3", Html.num(-0.26));
        assertEquals("-4", Html.num(-4.0));
        assertEquals("0", Html.num(-0.04));
        assertEquals("123456.7", Html.num(123456.7));
    }

    @Test
    void textIsEscapedAndControlCharactersDropped() {
        assertEquals("a&lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;\tx", Html.esc("a<b> & \"c\" 'd'\tx\u0001"));
        assertEquals("", Html.esc(null));
        assertEquals("line 3: touch p buf&#10;classic: 8 KiB", Html.esc("line 3: touch p buf\nclassic: 8 KiB"),
                "a tooltip keeps its lines");
    }
}
