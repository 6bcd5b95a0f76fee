package io.dapp.adapters.cli.command;

import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;

@Command(name = "local", mixinStandardHelpOptions = true,
    description = {"Remove the project's stages and dimg images from the local store.",
        "Then unused blobs too.",
        "Category: local: works on the local store only; no registry, no login."},
    footer = {"",
        "Removes the stages (dimgstage-<signature>) and dimg images this project's",
        "builds and stages pulls made (dapp records the project in the store's",
        "index.json: its git origin, else its directory), and dimg images as",
        "dapp dimg flush local does. Stages other projects made, stages made before",
        "dapp recorded projects, and base images stay. The next build builds every",
        "stage again (or dapp dimg stages pull brings them back).",
        "",
        "Then blobs no reference reaches, and temporary files of killed runs, are",
        "deleted when last written more than 1 hour ago: another dapp may be writing",
        "the store, and a blob it wrote a moment ago is not garbage yet.",
        "",
        "Examples:",
        "  dapp dimg stages flush local --dry-run",
        "  dapp dimg stages flush local --dir services/api"})
public final class StagesFlushLocalCommand extends LocalStoreCommand {

  @Inject
  public StagesFlushLocalCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_STAGES_FLUSH_LOCAL;
  }
}
