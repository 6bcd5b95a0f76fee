package io.dapp.domain.testing;

import io.dapp.domain.error.OperationFailedException;
import io.dapp.domain.image.Descriptor;
import io.dapp.domain.image.ImageManifest;
import io.dapp.domain.model.Digest;
import io.dapp.domain.model.InvalidReferenceException;
import io.dapp.domain.registry.Manifest;
import io.dapp.domain.registry.ManifestReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the compact image manifests dapp's stores and tests write (descriptors as
 * {@code {"mediaType":..,"digest":..,"size":..}}, config first), without a JSON library.
 */
public class JsonTextManifestReader implements ManifestReader {

  private static final Pattern DESCRIPTOR = Pattern.compile(
      "\\{\"mediaType\":\"([^\"]+)\",\"digest\":\"([^\"]+)\",\"size\":(\\d+)");

  @Override
  public Digest configDigest(Manifest manifest) throws OperationFailedException {
    return imageManifest(manifest).config().digest();
  }

  @Override
  public ImageManifest imageManifest(Manifest manifest) throws OperationFailedException {
    String json = manifest.contentAsString();
    int config = json.indexOf("\"config\":");
    int layers = json.indexOf("\"layers\":");
    if (config < 0 || layers < 0) {
      throw new OperationFailedException("manifest " + manifest.digest() + " is not an image manifest");
    }
    List<Descriptor> configs = descriptors(json.substring(config, config < layers ? layers : json.length()));
    List<Descriptor> layerList = descriptors(json.substring(layers, config > layers ? config : json.length()));
    if (configs.isEmpty()) {
      throw new OperationFailedException("manifest " + manifest.digest() + " names no config");
    }
    return new ImageManifest(configs.get(0), layerList);
  }

  private static List<Descriptor> descriptors(String text) throws OperationFailedException {
    List<Descriptor> found = new ArrayList<>();
    Matcher matcher = DESCRIPTOR.matcher(text);
    while (matcher.find()) {
      try {
        found.add(new Descriptor(matcher.group(1), Digest.parse(matcher.group(2)), Long.parseLong(matcher.group(3))));
      } catch (InvalidReferenceException e) {
        throw new OperationFailedException(e.getMessage());
      }
    }
    return found;
  }
}
