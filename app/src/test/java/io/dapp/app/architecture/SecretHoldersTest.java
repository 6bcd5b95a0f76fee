package io.dapp.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import io.dapp.domain.model.Digests;
import io.dapp.domain.model.ImageReference;
import io.dapp.domain.model.Platform;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.model.Repository;
import io.dapp.domain.model.Secret;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every production type that holds a secret — a {@link Secret}, a String field named like a password or
 * token, or another such type, directly or in an Optional, collection or map — and has its own toString
 * (every record has one) is built with distinctive values, and its toString must show none of the secrets
 * it holds. Found by scanning the classes, so a new credentials-like record is checked without being listed.
 */
class SecretHoldersTest {

  private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|auth|credential).*");
  private static List<Class<?>> production;
  private static Set<Class<?>> holders;

  @BeforeAll
  static void findTheTypesThatHoldSecrets() {
    production = ProductionClasses.get().stream().map(JavaClass::reflect)
        .filter(type -> !type.isAnonymousClass() && !type.isSynthetic() && !type.getName().contains("Dagger")
            && !type.getName().contains("_Factory") && !type.getName().contains("_Member"))
        .sorted(Comparator.comparing(Class::getName)).toList();
    holders = new LinkedHashSet<>(List.of(Secret.class));
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Class<?> type : production) {
        if (!holders.contains(type) && holdsSecret(type)) {
          holders.add(type);
          grew = true;
        }
      }
    }
  }

  private static boolean holdsSecret(Class<?> type) {
    for (Field field : type.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      if (field.getType() == String.class && SECRET_NAME.matcher(field.getName()).matches()) {
        return true;
      }
      if (mentioned(field.getGenericType()).stream().anyMatch(holders::contains)) {
        return true;
      }
    }
    // An interface or sealed parent holds a secret when one of its implementations does.
    return (type.isInterface() || Modifier.isAbstract(type.getModifiers()))
        && holders.stream().anyMatch(holder -> holder != type && type.isAssignableFrom(holder));
  }

  private static List<Class<?>> mentioned(Type type) {
    List<Class<?>> classes = new ArrayList<>();
    if (type instanceof Class<?> plain) {
      classes.add(plain);
    } else if (type instanceof ParameterizedType parameterized) {
      classes.addAll(mentioned(parameterized.getRawType()));
      for (Type argument : parameterized.getActualTypeArguments()) {
        classes.addAll(mentioned(argument));
      }
    }
    return classes;
  }

  @Test
  void theScanFindsTheKnownCredentialTypes() {
    assertThat(holders).extracting(Class::getSimpleName)
        .contains("Secret", "Credentials", "RegistryAuth", "Basic", "IdentityToken", "RegistryToken", "BearerToken",
            "AuthEntry", "SingleLogin", "ProxyCredentials", "ProxyAddress", "ProxySettings", "RegistryOptions");
  }

  @Test
  void noSecretHolder_printsItsSecretInToString() throws Exception {
    List<String> checked = new ArrayList<>();
    for (Class<?> type : holders) {
      if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || !declaresToString(type)) {
        continue; // Object's toString prints a class name and a hash code, nothing else
      }
      Object instance = new Values().of(type, type);
      Set<String> secrets = new LinkedHashSet<>();
      collectSecrets(instance, null, secrets, new IdentityHashMap<>());
      assertThat(secrets).as(type.getName() + " was built holding a secret").isNotEmpty();
      String printed = instance.toString();
      for (String secret : secrets) {
        assertThat(printed).as(type.getName() + ".toString()").doesNotContain(secret);
      }
      checked.add(type.getSimpleName());
    }
    assertThat(checked).contains("Credentials", "Basic", "IdentityToken", "RegistryToken", "BearerToken", "AuthEntry",
        "SingleLogin", "ConfigJson", "FileDockerConfig", "FileTemporaryDockerConfig", "ProxyCredentials",
        "ProxyAddress", "ProxySettings", "NetworkSettings", "RegistryOptions", "CommandInvocation");
  }

  private static boolean declaresToString(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        c.getDeclaredMethod("toString");
        return true;
      } catch (NoSuchMethodException notHere) {
        // look further up
      }
    }
    return false;
  }

  /** The secret values an object holds: what its Secrets reveal and its String fields named like secrets. */
  private static void collectSecrets(Object value, String fieldName, Set<String> secrets,
      IdentityHashMap<Object, Boolean> seen) throws IllegalAccessException {
    if (value == null || value instanceof Enum<?> || seen.put(value, Boolean.TRUE) != null) {
      return; // an enum constant is code, not data: it holds no secret (and java.lang.Enum is closed to reflection)
    }
    if (java.lang.reflect.Proxy.isProxyClass(value.getClass())) {
      return; // what Values made for an interface: it holds nothing (and its handler field is closed to reflection)
    }
    if (value instanceof Secret secret) {
      secrets.add(secret.reveal());
    } else if (value instanceof String text) {
      if (fieldName != null && SECRET_NAME.matcher(fieldName).matches()) {
        secrets.add(text);
      }
    } else if (value instanceof Optional<?> optional) {
      if (optional.isPresent()) {
        collectSecrets(optional.get(), fieldName, secrets, seen);
      }
    } else if (value instanceof Collection<?> collection) {
      for (Object element : collection) {
        collectSecrets(element, fieldName, secrets, seen);
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Object element : map.values()) {
        collectSecrets(element, fieldName, secrets, seen);
      }
    } else if (value.getClass().getName().startsWith("io.dapp.")) {
      for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
        for (Field field : c.getDeclaredFields()) {
          if (!Modifier.isStatic(field.getModifiers())) {
            field.setAccessible(true);
            collectSecrets(field.get(value), field.getName(), secrets, seen);
          }
        }
      }
    }
  }

  /** Builds values of the types secret holders are made of; every string and secret is distinct. */
  private static final class Values {
    private final AtomicInteger counter = new AtomicInteger();
    /** The classes being built: an implementation wrapping another of its interface must get another one. */
    private final Set<Class<?>> building = new LinkedHashSet<>();

    Object of(Type type, Class<?> owner) throws Exception {
      if (type instanceof ParameterizedType parameterized) {
        Class<?> raw = (Class<?>) parameterized.getRawType();
        Type[] arguments = parameterized.getActualTypeArguments();
        if (raw == Optional.class) {
          return Optional.of(of(arguments[0], owner));
        }
        if (raw == List.class || raw == Collection.class) {
          return List.of(of(arguments[0], owner));
        }
        if (raw == Set.class) {
          return Set.of(of(arguments[0], owner));
        }
        if (raw == Map.class) {
          return Map.of(of(arguments[0], owner), of(arguments[1], owner));
        }
        return of(raw, owner);
      }
      Class<?> plain = (Class<?>) type;
      int n = counter.incrementAndGet();
      if (plain == String.class) {
        return "value" + n + "x";
      }
      if (plain == Secret.class) {
        return Secret.of("secret" + n + "x");
      }
      if (plain == int.class || plain == long.class || plain == short.class) {
        return plain == int.class ? (Object) n : plain == long.class ? (Object) (long) n : (Object) (short) n;
      }
      if (plain == boolean.class) {
        return false;
      }
      if (plain.isEnum()) {
        return plain.getEnumConstants()[0];
      }
      if (plain == Path.class) {
        return Path.of("/path" + n);
      }
      if (plain == URI.class) {
        return URI.create("https://host" + n + ".example.com/");
      }
      if (plain == Instant.class) {
        return Instant.EPOCH.plusSeconds(n);
      }
      if (plain == Duration.class) {
        return Duration.ofSeconds(n);
      }
      if (plain == RegistryHost.class) {
        return new RegistryHost("registry" + n + ".example.com");
      }
      if (plain == Repository.class) {
        return new Repository(new RegistryHost("registry" + n + ".example.com"), "group/app" + n);
      }
      if (plain == ImageReference.class) {
        return ImageReference.parse("registry" + n + ".example.com/app:" + n);
      }
      if (plain == io.dapp.domain.model.Digest.class) {
        return Digests.sha256("content " + n);
      }
      if (plain == Platform.class) {
        return Platform.LINUX_AMD64;
      }
      if (plain == io.dapp.domain.registry.TransferJobs.class) {
        return io.dapp.domain.registry.TransferJobs.DEFAULT;
      }
      if (plain == io.dapp.domain.login.LoginPlan.class) {
        // A plan holds no secret (it names where a password comes from); one rule must have decided it.
        return new io.dapp.domain.login.LoginPolicy().plan(new io.dapp.domain.login.LoginRequest(
            io.dapp.domain.model.CommandCategory.PUSH, List.of(new RegistryHost("registry" + n + ".example.com")),
            io.dapp.domain.login.LoginOptions.NONE, io.dapp.domain.login.LoginEnvironment.from(Map.of())));
      }
      if (plain == io.dapp.domain.usecase.CommandOptions.class) {
        return io.dapp.domain.usecase.CommandOptions.none(); // records of a command's own options: none holds a secret
      }
      if (plain.isSealed()) {
        return of(plain.getPermittedSubclasses()[0], owner);
      }
      if (plain.isInterface() && holders.contains(plain)) {
        // A docker config, say: one of the implementations that hold secrets.
        Class<?> implementation = holders.stream()
            .filter(c -> plain.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())
                && !building.contains(c))
            .findFirst().orElseThrow();
        return of(implementation, owner);
      }
      if (plain.isInterface()) {
        // A collaborator (a process runner, say): present, but never asked anything by toString.
        return java.lang.reflect.Proxy.newProxyInstance(plain.getClassLoader(), new Class<?>[] {plain},
            (proxy, method, args) -> switch (method.getName()) {
              case "toString" -> plain.getSimpleName() + "-collaborator";
              case "hashCode" -> 0;
              case "equals" -> proxy == args[0];
              default -> throw new UnsupportedOperationException(method.getName());
            });
      }
      if (plain.isRecord()) {
        Class<?>[] types = Arrays.stream(plain.getRecordComponents()).map(RecordComponent::getType)
            .toArray(Class<?>[]::new);
        Type[] generic = Arrays.stream(plain.getRecordComponents()).map(RecordComponent::getGenericType)
            .toArray(Type[]::new);
        Constructor<?> canonical = plain.getDeclaredConstructor(types);
        return construct(canonical, generic, owner);
      }
      Constructor<?> widest = Arrays.stream(plain.getDeclaredConstructors())
          .max(Comparator.comparingInt(Constructor::getParameterCount))
          .orElseThrow(() -> new AssertionError("no constructor for " + plain + " (in " + owner + ")"));
      Object built = construct(widest, widest.getGenericParameterTypes(), owner);
      // Fields a constructor leaves empty (a config read on first use, say) are filled as if used.
      for (Field field : plain.getDeclaredFields()) {
        field.setAccessible(true);
        if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive() && field.get(built) == null) {
          field.set(built, of(field.getGenericType(), owner));
        }
      }
      return built;
    }

    private Object construct(Constructor<?> constructor, Type[] types, Class<?> owner) throws Exception {
      boolean outermost = building.add(constructor.getDeclaringClass());
      try {
        Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
          arguments[i] = of(types[i], owner);
        }
        constructor.setAccessible(true);
        return constructor.newInstance(arguments);
      } finally {
        if (outermost) {
          building.remove(constructor.getDeclaringClass());
        }
      }
    }
  }
}
