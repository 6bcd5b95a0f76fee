package io.dapp.domain.push;

import io.dapp.domain.build.BuildWork;
import io.dapp.domain.build.BuiltDimg;
import io.dapp.domain.error.DappException;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.image.DappLabels;
import io.dapp.domain.image.EncodedImage;
import io.dapp.domain.image.ImageConfig;
import io.dapp.domain.image.StoredImage;
import io.dapp.domain.model.CommandCategory;
import io.dapp.domain.model.Repository;
import io.dapp.domain.port.Console;
import io.dapp.domain.port.DockerConfig;
import io.dapp.domain.port.LocalImageStore;
import io.dapp.domain.port.LocalImageStores;
import io.dapp.domain.registry.RegistryClient;
import io.dapp.domain.registry.RegistryClientFactory;
import io.dapp.domain.tag.DimgTag;
import io.dapp.domain.tag.TagOptions;
import io.dapp.domain.tag.TagResolver;
import io.dapp.domain.tag.TagScheme;
import io.dapp.domain.usecase.CommandInvocation;
import io.dapp.domain.usecase.LoginSession;
import io.dapp.domain.usecase.RegistryWork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code dapp dimg push [DIMG...] REPO}, {@code dapp dimg spush [DIMG] REPO} and the push phase of
 * {@code bp}: pushes what the local store holds for each dimg, found by a build of the same inputs (every
 * stage cached, nothing rebuilt), under each tag the tag options give, with the labels cleanup reads.
 */
public final class PushWork implements RegistryWork {

  /** How pushed images are named. */
  public enum Naming {
    /** {@code REPO/<dimg>:<tag>}, {@code REPO:<tag>} for the nameless dimg: push and bp. */
    PER_DIMG,
    /** {@code REPO:<tag>} for the one dimg pushed: spush. */
    SINGLE
  }

  private final BuildWork build;
  private final TagResolver tags;
  private final RegistryClientFactory registries;
  private final LocalImageStores stores;
  private final Naming naming;

  public PushWork(BuildWork build, TagResolver tags, RegistryClientFactory registries, LocalImageStores stores,
      Naming naming) {
    this.build = Objects.requireNonNull(build, "'build' must not be null");
    this.tags = Objects.requireNonNull(tags, "'tags' must not be null");
    this.registries = Objects.requireNonNull(registries, "'registries' must not be null");
    this.stores = Objects.requireNonNull(stores, "'stores' must not be null");
    this.naming = Objects.requireNonNull(naming, "'naming' must not be null");
  }

  @Override
  public PushResult perform(CommandInvocation invocation, CommandCategory phase, LoginSession session,
      Console console) throws DappException {
    return push(invocation, session.dockerConfig(), console);
  }

  /** Pushes the dimgs the invocation names, with the credentials {@code dockerConfig} holds. */
  public PushResult push(CommandInvocation invocation, DockerConfig dockerConfig, Console console)
      throws DappException {
    Repository repository = invocation.repository().orElseThrow(
        () -> new InvalidInputException("dapp " + invocation.command().displayName() + " needs a repository"));
    if (naming == Naming.SINGLE && invocation.dimgs().size() > 1) {
      throw new InvalidInputException("dapp dimg spush pushes one dimg, not " + invocation.dimgs().size());
    }
    List<DimgTag> resolved = tags.resolve(
        invocation.commandOptions().find(TagOptions.class).orElse(TagOptions.none()), invocation.projectDirectory());
    List<BuiltDimg> built = build.build(invocation, dockerConfig, new QuietBuildConsole(console));
    if (naming == Naming.SINGLE && built.size() != 1) {
      throw new InvalidInputException("dapp dimg spush pushes one dimg: the dappfile has " + built.size()
          + ", name the one to push");
    }
    LocalImageStore store = stores.open(invocation.buildOptions().store());
    List<PushedTag> pushed = new ArrayList<>();
    try (RegistryClient client = registries.open(dockerConfig, invocation.registryOptions())) {
      ImagePusher pusher = new ImagePusher(client, store, console, invocation.registryOptions().transferJobs());
      for (BuiltDimg dimg : built) {
        Repository target = target(repository, dimg);
        Map<TagScheme, EncodedImage> byScheme = new HashMap<>();
        for (DimgTag tag : resolved) {
          EncodedImage image = byScheme.get(tag.scheme());
          if (image == null) {
            image = pushedImage(dimg.image(), tag.scheme(), store);
            byScheme.put(tag.scheme(), image);
          }
          pushed.add(pusher.push(image, target.withTag(tag.value())));
        }
      }
    }
    return new PushResult(pushed);
  }

  private Repository target(Repository repository, BuiltDimg dimg) {
    if (naming == Naming.SINGLE || dimg.dimg().name().isEmpty()) {
      return repository;
    }
    return new Repository(repository.host(), repository.path() + "/" + dimg.dimg().name().get());
  }

  /**
   * The built image with the labels of a pushed dimg image for one tag scheme, encoded but not written to
   * the store: no name would point at it there (the built image is the one the store keeps).
   */
  static EncodedImage pushedImage(StoredImage built, TagScheme scheme, LocalImageStore store) throws DappException {
    ImageConfig config = built.config().withConfig(built.config().config().withLabels(Map.of(
        DappLabels.DIMG, "true",
        DappLabels.TAG_SCHEME, scheme.label())));
    return store.encodeImage(config, built.layers());
  }
}
