package io.dapp.domain.image;

import io.dapp.domain.error.UserText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code config} of an image config: how a container of the image runs. Only these fields are kept
 * from a base image; others (Healthcheck, OnBuild, Shell) are dropped. Maps and sets are sorted so the
 * JSON written from them never depends on the order they were filled in.
 */
public record ContainerConfig(
    Optional<String> user,
    List<String> env,
    Optional<List<String>> entrypoint,
    Optional<List<String>> cmd,
    SortedSet<String> exposedPorts,
    SortedSet<String> volumes,
    Optional<String> workingDir,
    SortedMap<String, String> labels,
    Optional<String> stopSignal) {

  public static final ContainerConfig EMPTY = new ContainerConfig(Optional.empty(), List.of(), Optional.empty(),
      Optional.empty(), new TreeSet<>(), new TreeSet<>(), Optional.empty(), new TreeMap<>(), Optional.empty());

  public ContainerConfig {
    Objects.requireNonNull(user, "'user' must not be null");
    env = List.copyOf(env);
    entrypoint = entrypoint.map(List::copyOf);
    cmd = cmd.map(List::copyOf);
    exposedPorts = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(exposedPorts));
    volumes = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(volumes));
    Objects.requireNonNull(workingDir, "'workingDir' must not be null");
    labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    Objects.requireNonNull(stopSignal, "'stopSignal' must not be null");
    for (String variable : env) {
      if (variable.indexOf('=') <= 0) {
        throw new IllegalArgumentException("environment entry " + UserText.quote(variable) + " is not NAME=value");
      }
    }
  }

  public ContainerConfig withUser(String value) {
    return new ContainerConfig(Optional.of(value), env, entrypoint, cmd, exposedPorts, volumes, workingDir, labels,
        stopSignal);
  }

  /** Sets variables as docker's ENV does: a variable already set keeps its place and takes the new value. */
  public ContainerConfig withEnv(Map<String, String> variables) {
    List<String> merged = new ArrayList<>(env);
    variables.forEach((name, value) -> {
      String entry = name + "=" + value;
      int index = indexOfVariable(merged, name);
      if (index >= 0) {
        merged.set(index, entry);
      } else {
        merged.add(entry);
      }
    });
    return new ContainerConfig(user, merged, entrypoint, cmd, exposedPorts, volumes, workingDir, labels, stopSignal);
  }

  private static int indexOfVariable(List<String> env, String name) {
    for (int i = 0; i < env.size(); i++) {
      if (env.get(i).startsWith(name + "=")) {
        return i;
      }
    }
    return -1;
  }

  public ContainerConfig withEntrypoint(List<String> value) {
    return new ContainerConfig(user, env, Optional.of(value), cmd, exposedPorts, volumes, workingDir, labels,
        stopSignal);
  }

  public ContainerConfig withCmd(Optional<List<String>> value) {
    return new ContainerConfig(user, env, entrypoint, value, exposedPorts, volumes, workingDir, labels, stopSignal);
  }

  public ContainerConfig withExposedPorts(List<String> ports) {
    SortedSet<String> merged = new TreeSet<>(exposedPorts);
    merged.addAll(ports);
    return new ContainerConfig(user, env, entrypoint, cmd, merged, volumes, workingDir, labels, stopSignal);
  }

  public ContainerConfig withVolumes(List<String> paths) {
    SortedSet<String> merged = new TreeSet<>(volumes);
    merged.addAll(paths);
    return new ContainerConfig(user, env, entrypoint, cmd, exposedPorts, merged, workingDir, labels, stopSignal);
  }

  public ContainerConfig withWorkingDir(String value) {
    return new ContainerConfig(user, env, entrypoint, cmd, exposedPorts, volumes, Optional.of(value), labels,
        stopSignal);
  }

  public ContainerConfig withLabels(Map<String, String> added) {
    SortedMap<String, String> merged = new TreeMap<>(labels);
    merged.putAll(added);
    return new ContainerConfig(user, env, entrypoint, cmd, exposedPorts, volumes, workingDir, merged, stopSignal);
  }

  /** This config without the labels named. */
  public ContainerConfig withoutLabels(java.util.Collection<String> removed) {
    SortedMap<String, String> kept = new TreeMap<>(labels);
    kept.keySet().removeAll(removed);
    return new ContainerConfig(user, env, entrypoint, cmd, exposedPorts, volumes, workingDir, kept, stopSignal);
  }
}
