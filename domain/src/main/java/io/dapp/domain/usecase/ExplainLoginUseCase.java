package io.dapp.domain.usecase;

import io.dapp.domain.error.DappException;
import io.dapp.domain.login.LoginPlan;
import java.util.List;

/** {@code dapp registry login-plan}: which login a command would use, and why, without network or secrets. */
public interface ExplainLoginUseCase {

  /** One plan per phase of the command, in order. */
  List<LoginPlan> explain(CommandInvocation invocation) throws DappException;
}
