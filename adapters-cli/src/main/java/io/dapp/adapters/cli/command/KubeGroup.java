package io.dapp.adapters.cli.command;

import picocli.CommandLine.Command;

@Command(name = "kube", mixinStandardHelpOptions = true, description = "Deploy to Kubernetes with the image meta read from a registry.")
public final class KubeGroup extends CommandGroup {}
