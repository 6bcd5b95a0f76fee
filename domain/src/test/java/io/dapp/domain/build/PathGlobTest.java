package io.dapp.domain.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.domain.dappfile.PathGlob;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathGlobTest {

  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      *.rb        | app.rb            | true
      *.rb        | lib/app.rb        | false
      **/*.rb     | app.rb            | true
      **/*.rb     | lib/x/app.rb      | true
      lib         | lib/app.rb        | true
      lib         | library/app.rb    | false
      lib/        | lib/a/b.rb        | true
      /lib        | lib/a.rb          | true
      lib/*       | lib/a/b.rb        | true
      lib/*.rb    | lib/a/b.rb        | false
      lib/**      | lib/a/b.rb        | true
      lib/**/b.rb | lib/b.rb          | true
      a?c         | abc               | true
      a?c         | a/c               | false
      a.rb        | axrb              | false
      spec        | app_spec.rb       | false
      """)
  void matches(String glob, String path, boolean expected) {
    assertThat(PathGlob.of(glob).matches(path)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"../x", "a/../b", "/", "''"})
  void rejectsGlobsThatClimbOutOrAreEmpty(String glob) {
    assertThatThrownBy(() -> PathGlob.of(glob)).isInstanceOf(IllegalArgumentException.class);
  }
}
