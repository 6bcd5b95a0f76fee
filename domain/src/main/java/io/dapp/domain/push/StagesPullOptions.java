package io.dapp.domain.push;

/**
 * The options of {@code dapp dimg stages pull}.
 *
 * @param all pull every missing stage the registry has, not only those after the newest one the store has
 */
public record StagesPullOptions(boolean all) {}
