package dev.cassette.engine.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How one difference is described: whole values where they fit, else windows on the change. */
class DifferenceTests {

  static String describe(String expected, String actual) {
    return new Difference("result.content[0].text", Difference.Kind.DIFFERENT, expected, actual)
        .describe();
  }

  @Test
  void aChangeInTheMiddleOfALongStringIsShownInTheSameWindowOfBoth() {
    String head = "\"" + "abcdefghij".repeat(50);
    String tail = "0123456789".repeat(50) + "\"";
    String expected = head + "X" + tail;
    String actual = head + "Y" + tail;
    int at = head.length();

    assertThat(describe(expected, actual))
        .isEqualTo(
            "\"result.content[0].text\" expected: <…"
                + expected.substring(at - 60, at + 60)
                + "… (1003 chars)> but was: <…"
                + actual.substring(at - 60, at + 60)
                + "… (1003 chars)>");
  }

  @Test
  void aWindowNearTheStartOrEndStopsThere() {
    String expected = "\"" + "a".repeat(300) + "\"";
    String actual = "\"b" + "a".repeat(299) + "\"";
    assertThat(describe(expected, actual))
        .isEqualTo(
            "\"result.content[0].text\" expected: <"
                + expected.substring(0, 120)
                + "… (302 chars)> but was: <"
                + actual.substring(0, 120)
                + "… (302 chars)>");
    String longer = expected.substring(0, 301) + "tail\"";
    assertThat(describe(expected, longer))
        .endsWith("but was: <…" + longer.substring(241) + " (306 chars)>");
  }

  @Test
  void valuesThatFitTheReportAreShownWhole() {
    String expected = "\"" + "x".repeat(180) + "1\"";
    String actual = "\"" + "x".repeat(180) + "2\"";
    assertThat(describe(expected, actual))
        .isEqualTo(
            "\"result.content[0].text\" expected: <" + expected + "> but was: <" + actual + ">");
  }

  @Test
  void aLongValueAgainstAShortOneIsCutFromTheStart() {
    String expected = "\"" + "x".repeat(500) + "\"";
    assertThat(describe(expected, "no field"))
        .isEqualTo(
            "\"result.content[0].text\" expected: <"
                + expected.substring(0, 120)
                + "… (502 chars)> but was: <no field>");
  }

  @Test
  void aWindowNeverSplitsACharacterOutsideTheBasicPlane() {
    String expected = "\"x" + "😀".repeat(200) + "\"";
    String actual = "\"x" + "😀".repeat(100) + "😁" + "😀".repeat(99) + "\"";
    String line = describe(expected, actual);
    assertThat(line.codePoints().filter(c -> Character.isSurrogate((char) c) && c <= 0xFFFF))
        .isEmpty();
    assertThat(line).contains("😁");
  }
}
