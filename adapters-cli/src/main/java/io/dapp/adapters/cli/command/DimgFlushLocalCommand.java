package io.dapp.adapters.cli.command;

import io.dapp.domain.usecase.DappCommand;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;

@Command(name = "local", mixinStandardHelpOptions = true,
    description = {"Remove the project's dimg images and unused blobs from the local store.",
        "Category: local: works on the local store only; no registry, no login."},
    footer = {"",
        "Removes the references this project's builds made for its dimg images (dapp",
        "records the project in the store's index.json: its git origin, else its",
        "directory), and references named after a dimg of the dappfile and labelled",
        "dapp-dimg=true that carry no project (built before dapp recorded one).",
        "Stages and base images stay: see dapp dimg stages flush local.",
        "",
        "Then blobs no reference reaches, and temporary files of killed runs, are",
        "deleted when last written more than 1 hour ago: another dapp may be writing",
        "the store, and a blob it wrote a moment ago is not garbage yet.",
        "",
        "Examples:",
        "  dapp dimg flush local --dry-run",
        "  dapp dimg flush local --store /cache/dapp-store --quiet"})
public final class DimgFlushLocalCommand extends LocalStoreCommand {

  @Inject
  public DimgFlushLocalCommand(RegistryCommandContext context) {
    super(context);
  }

  @Override
  public DappCommand command() {
    return DappCommand.DIMG_FLUSH_LOCAL;
  }
}
