package io.dapp.adapters.cli.output;

import io.dapp.domain.build.BuildResult;
import io.dapp.domain.build.BuiltImage;
import io.dapp.domain.push.PushResult;
import io.dapp.domain.push.PushedTag;
import io.dapp.domain.usecase.WorkResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What the build and push commands print when their work is done, from the results an embedding program gets
 * too: a line per artifact and dimg built, a line per tag pushed. Their progress (stages, transfers) was
 * shown as it went.
 */
public final class WorkResultLines {

  private WorkResultLines() {}

  /** The lines of a build's or a push's result; none for another work's. */
  public static List<String> of(WorkResult result) {
    if (result instanceof BuildResult build) {
      return of(build);
    }
    if (result instanceof PushResult push) {
      return of(push);
    }
    return List.of();
  }

  static List<String> of(BuildResult build) {
    List<String> lines = new ArrayList<>();
    for (BuiltImage artifact : build.artifacts()) {
      lines.add(artifact.subject() + ": " + artifact.builtStages() + " of " + artifact.stages().size()
          + " stages built");
    }
    for (BuiltImage dimg : build.dimgs()) {
      lines.add(dimg.subject() + ": image " + dimg.digest() + " tagged '" + dimg.localName().orElseThrow() + "' in "
          + build.store() + " (" + dimg.builtStages() + " of " + dimg.stages().size() + " stages built)");
    }
    return lines;
  }

  static List<String> of(PushResult push) {
    return push.tags().stream().map(WorkResultLines::line).toList();
  }

  private static String line(PushedTag tag) {
    return switch (tag.outcome()) {
      case PUSHED -> tag.target() + ": pushed " + tag.digest();
      case UP_TO_DATE -> tag.target() + ": up to date (" + tag.digest() + ")";
      case KEPT -> tag.target() + ": kept the registry's stage " + tag.digest() + ", pushed by another build first "
          + "(this build made " + tag.built() + ")";
    };
  }
}
