package dev.switchboard.adapters.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSizesTest {

  @ParameterizedTest
  @CsvSource({
    "300, 300 bytes",
    "1024, 1 KB",
    "1536, 1.5 KB",
    "512000, 500 KB",
    "5242880, 5 MB",
    "1572864, 1.5 MB",
    "20971520, 20 MB"
  })
  void sizes_read_as_people_write_them(long bytes, String readable) {
    assertThat(ByteSizes.readable(bytes)).isEqualTo(readable);
  }
}
