package dev.switchboard.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextSplitterTest {

  /** WhatsApp's and Telegram's text limit. */
  private static final int TEXT_LIMIT = 4096;

  static Stream<Arguments> splits() {
    return Stream.of(
        Arguments.of("a short text is one part", "hello there", 20, List.of("hello there")),
        Arguments.of(
            "a text of exactly the limit is one part", "0123456789", 10, List.of("0123456789")),
        Arguments.of("surrounding whitespace is dropped", "  \n hello \n\n ", 20, List.of("hello")),
        Arguments.of("a blank text has no parts", " \n\n \t ", 20, List.of()),
        Arguments.of("an empty text has no parts", "", 20, List.of()),
        Arguments.of(
            "paragraphs that fit together are packed into one part",
            "aaaa\n\nbbbb\n\ncccc",
            10,
            List.of("aaaa\n\nbbbb", "cccc")),
        Arguments.of(
            "paragraphs are never split while each fits",
            "first para\n\nsecond one\n\nthird",
            12,
            List.of("first para", "second one", "third")),
        Arguments.of(
            "blank paragraphs in between are dropped",
            "one\n\n \n\n\n\ntwo",
            5,
            List.of("one", "two")),
        Arguments.of(
            "a paragraph longer than the limit is split at its lines",
            "intro\n\nline one\nline two\nline three\n\nend",
            20,
            List.of("intro", "line one\nline two", "line three", "end")),
        Arguments.of(
            "a line longer than the limit is split at its words",
            "the quick brown fox jumps over the lazy dog",
            15,
            List.of("the quick brown", "fox jumps over", "the lazy dog")),
        Arguments.of(
            "a word longer than the limit is cut",
            "tiny abcdefghijklmnopqrstuvwxy end",
            10,
            List.of("tiny", "abcdefghij", "klmnopqrst", "uvwxy", "end")),
        Arguments.of(
            "a cut word never leaves a blank part",
            "a" + "\t".repeat(25) + "b",
            10,
            List.of("a" + "\t".repeat(9), "\t".repeat(6) + "b")),
        Arguments.of(
            "pieces after a split long one start a new part, in order",
            "long paragraph here\n\nx\n\ny",
            10,
            List.of("long", "paragraph", "here", "x\n\ny")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("splits")
  void splits_at_the_coarsest_boundary_that_fits(
      String name, String text, int limit, List<String> expected) {
    assertThat(TextSplitter.split(text, limit)).isEqualTo(expected);
  }

  /** The conformance scenario's first text: six paragraphs of about 1,800 characters each. */
  @Test
  void the_scenarios_paragraphs_go_whole_in_order_within_the_limit() {
    String text =
        IntStream.range(0, 6)
            .mapToObj(i -> "Paragraph " + i + ". " + "lorem ipsum ".repeat(150).strip())
            .collect(Collectors.joining("\n\n"));

    List<String> parts = TextSplitter.split(text, TEXT_LIMIT);

    assertThat(text.length()).isGreaterThan(10_000);
    assertThat(parts).hasSizeGreaterThan(1);
    assertThat(parts).allSatisfy(p -> assertThat(p).hasSizeLessThanOrEqualTo(4096));
    assertThat(parts).allSatisfy(p -> assertThat(p).startsWith("Paragraph"));
    assertThat(words(String.join(" ", parts))).isEqualTo(words(text));
  }

  /** The conformance scenario's second text: one line of about 6,600 characters. */
  @Test
  void the_scenarios_long_line_is_split_between_words_in_order() {
    String text =
        IntStream.range(0, 900).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));

    List<String> parts = TextSplitter.split(text, TEXT_LIMIT);

    assertThat(parts).hasSizeGreaterThanOrEqualTo(2);
    assertThat(parts).allSatisfy(p -> assertThat(p).hasSizeLessThanOrEqualTo(4096));
    assertThat(words(String.join(" ", parts))).isEqualTo(words(text));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
  void any_text_of_words_that_fit_splits_into_its_words_in_order_within_the_limit(long seed) {
    Random random = new Random(seed);
    int limit = 12 + random.nextInt(60);
    String text = randomText(random, limit);

    List<String> parts = TextSplitter.split(text, limit);

    assertThat(parts)
        .allSatisfy(
            p -> {
              assertThat(p).hasSizeLessThanOrEqualTo(limit);
              assertThat(p).isNotBlank();
              assertThat(p).isEqualTo(p.strip());
            });
    assertThat(words(String.join(" ", parts))).isEqualTo(words(text));
  }

  @Test
  void a_word_longer_than_the_limit_is_cut_into_pieces_that_add_up_to_it() {
    String word = "x".repeat(25);

    assertThat(TextSplitter.split(word, 10))
        .containsExactly("x".repeat(10), "x".repeat(10), "x".repeat(5));
  }

  @Test
  void a_cut_never_separates_the_halves_of_a_character_outside_the_basic_plane() {
    String word = "x" + "\uD83D\uDE00".repeat(3000); // one letter, then 3,000 emoji

    List<String> parts = TextSplitter.split(word, TEXT_LIMIT);

    assertThat(String.join("", parts)).isEqualTo(word);
    assertThat(parts)
        .allSatisfy(
            p -> {
              assertThat(p).hasSizeLessThanOrEqualTo(TEXT_LIMIT);
              assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1))).isFalse();
              assertThat(Character.isLowSurrogate(p.charAt(0))).isFalse();
            });
  }

  @ParameterizedTest(name = "limit {0}")
  @ValueSource(ints = {0, -1})
  void the_limit_must_be_positive(int limit) {
    assertThatThrownBy(() -> TextSplitter.split("text", limit))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Python's {@code str.split()}: the runs of non-whitespace, in order. */
  private static List<String> words(String text) {
    return Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }

  /** Paragraphs of lines of words, none longer than {@code limit}, with odd spacing thrown in. */
  private static String randomText(Random random, int limit) {
    String[] separators = {" ", " ", " ", "  ", "\n", "\n\n", "\n\n\n", " \n "};
    List<String> pieces = new ArrayList<>();
    int words = 20 + random.nextInt(200);
    for (int i = 0; i < words; i++) {
      // at most limit - 3 letters and a number below 1,000: every word fits
      pieces.add("w".repeat(1 + random.nextInt(Math.min(limit - 3, 15))) + i);
      pieces.add(separators[random.nextInt(separators.length)]);
    }
    return String.join("", pieces);
  }
}
