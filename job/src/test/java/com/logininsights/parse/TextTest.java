package com.logininsights.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void wellFormedTextIsReturnedAsItIs() {
        String text = "usér-ü 🙂 \u0000";
        assertThat(Text.wellFormed(text)).isSameAs(text);
    }

    @Test
    void loneSurrogatesBecomeReplacementCharactersAndPairsStay() {
        assertThat(Text.wellFormed("a\ud800b")).isEqualTo("a\uFFFDb");
        assertThat(Text.wellFormed("\udfff")).isEqualTo("\uFFFD");
        assertThat(Text.wellFormed("x\ud83d")).isEqualTo("x\uFFFD");
        assertThat(Text.wellFormed("\ud83d\ude42\ud800")).isEqualTo("\ud83d\ude42\uFFFD");
        assertThat(Text.wellFormed("\udc00\ud800\udc00")).isEqualTo("\uFFFD\ud800\udc00");
    }
}
