package io.dapp.domain.deploy;

import io.dapp.domain.error.DappException;
import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.port.Console;
import io.dapp.domain.tag.DimgTag;
import io.dapp.domain.tag.TagOptions;
import io.dapp.domain.tag.TagResolver;
import io.dapp.domain.usecase.CommandInvocation;
import io.dapp.domain.usecase.LoginSession;
import io.dapp.domain.usecase.RegistryWork;
import java.util.Objects;

/**
 * {@code dapp kube values REPO}: the Helm values of the dimgs under one tag, read from REPO, and their text
 * (the command line prints it).
 */
public final class KubeValuesWork implements RegistryWork {

  private final TagResolver tags;
  private final DeployValuesReader values;
  private final ValuesRenderer renderer;

  public KubeValuesWork(TagResolver tags, DeployValuesReader values, ValuesRenderer renderer) {
    this.tags = Objects.requireNonNull(tags, "'tags' must not be null");
    this.values = Objects.requireNonNull(values, "'values' must not be null");
    this.renderer = Objects.requireNonNull(renderer, "'renderer' must not be null");
  }

  @Override
  public KubeValuesResult perform(CommandInvocation invocation, CommandCategory phase, LoginSession session,
      Console console) throws DappException {
    ValuesOptions options = invocation.commandOptions().find(ValuesOptions.class).orElse(ValuesOptions.defaults());
    DimgTag tag = tags.resolveOne(invocation.commandOptions().find(TagOptions.class).orElse(TagOptions.none()),
        invocation.projectDirectory(), "kube values");
    HelmValues read = values.read(invocation.projectDirectory(), invocation.repository().orElseThrow(), tag,
        session.dockerConfig(), invocation.registryOptions());
    return new KubeValuesResult(read, renderer.render(read.tree(), options.syntax()).stripTrailing());
  }
}
