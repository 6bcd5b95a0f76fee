package io.dapp.adapters.cli.command;

import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;

@Command(name = "local", mixinStandardHelpOptions = true,
    description = {"Remove the project's old stages and unused blobs from the local store.",
        "Old: in no stage chain of the dappfile's dimgs as they are now.",
        "Category: local: works on the local store only; no registry, no login."},
    footer = {"",
        "Computes each dimg's stage chain as dapp dimg build would (the committed",
        "files, the base images in the store) and removes the stages this project",
        "made that are in no chain: those of earlier builds. A base image missing from",
        "the store stops the command before anything is removed. Stages other",
        "projects made, and stages built for another --platform, stay. Stages of",
        "other branches' builds go too: run it on the checkout whose stages to keep.",
        "",
        "Then blobs no reference reaches, and temporary files of killed runs, are",
        "deleted when last written more than 1 hour ago: another dapp may be writing",
        "the store, and a blob it wrote a moment ago is not garbage yet.",
        "",
        "Examples:",
        "  dapp dimg stages cleanup local --dry-run",
        "  dapp dimg build && dapp dimg stages cleanup local --quiet"})
public final class StagesCleanupLocalCommand extends LocalStoreCommand {

  @Inject
  public StagesCleanupLocalCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_STAGES_CLEANUP_LOCAL;
  }
}
