package io.dapp.domain.usecase;

import io.dapp.domain.error.DappException;

/** {@code dapp registry login-plan}: which login a command would use, and why, without network or secrets. */
public interface ExplainLoginUseCase {

  /** One plan per phase of the command, in order, with the options the command would run with. */
  LoginExplanation explain(CommandInvocation invocation) throws DappException;
}
