package dev.cassette.engine.jupiter;

import dev.cassette.engine.client.CassetteClient;
import java.lang.reflect.Method;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * The Jupiter extension behind {@link dev.cassette.annotations.Tape @Tape}: injects an MCP client
 * connected through Cassette, and records, verifies or replays the test's traffic.
 *
 * <p>Register it with {@link CassetteTest @CassetteTest} or
 * {@code @ExtendWith(CassetteExtension.class)}. Tests without {@code @Tape} are left alone.
 * Parameters it resolves: {@link CassetteClient} and, when the MCP Java SDK is on the class path,
 * {@code io.modelcontextprotocol.client.McpSyncClient}; both arrive connected but not initialized,
 * so the test's {@code initialize()} is part of the tape.
 *
 * <p>Configuration parameters (system properties or {@code junit-platform.properties}):
 *
 * <ul>
 *   <li>{@value #RECORD_PROPERTY_NAME}: {@code none}, {@code new} (default), {@code all} or {@code
 *       failing}; also the environment variable {@code CASSETTE_RECORD}; {@code none} is the
 *       default when {@code CI} is set
 *   <li>{@value #OFFLINE_PROPERTY_NAME}: {@code true} serves every test from its tape
 *   <li>{@value #TAPES_ROOT_PROPERTY_NAME}: the folder tape paths are relative to (default {@code
 *       src/test/resources/tapes})
 *   <li>{@value #CI_PROPERTY_NAME}: whether to behave as on CI (default: whether {@code CI} is set)
 * </ul>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CassetteExtension implements ParameterResolver, InvocationInterceptor {

  /** Record mode: {@code none}, {@code new}, {@code all} or {@code failing}; as the engine's. */
  public static final String RECORD_PROPERTY_NAME =
      dev.cassette.engine.Constants.RECORD_PROPERTY_NAME;

  /** {@code true} to serve every {@code @Tape} test from its tape, with no live server. */
  public static final String OFFLINE_PROPERTY_NAME =
      dev.cassette.engine.Constants.OFFLINE_PROPERTY_NAME;

  /** The folder tape paths are relative to; default {@code src/test/resources/tapes}. */
  public static final String TAPES_ROOT_PROPERTY_NAME =
      dev.cassette.engine.Constants.TAPES_ROOT_PROPERTY_NAME;

  /**
   * Whether to behave as on CI (record mode {@code none} by default); default: {@code CI} is set.
   * As the engine's.
   */
  public static final String CI_PROPERTY_NAME = dev.cassette.engine.Constants.CI_PROPERTY_NAME;

  static final String SDK_CLIENT = "io.modelcontextprotocol.client.McpSyncClient";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(CassetteExtension.class);

  /** Creates the extension; JUnit does this. */
  public CassetteExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return (type == CassetteClient.class || type.getName().equals(SDK_CLIENT))
        && context.getTestMethod().isPresent()
        && TapePlan.of(context, JupiterSettings.of(context)) != null;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    TapeSession session = session(context);
    Class<?> type = parameter.getParameter().getType();
    try {
      if (type == CassetteClient.class) {
        CassetteClient client = CassetteClient.over(session.connectionForClient());
        session.register(client);
        return client;
      }
      return SdkClients.create(session);
    } catch (IllegalStateException e) {
      throw new ParameterResolutionException(e.getMessage(), e);
    }
  }

  private TapeSession session(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    TapeSession existing = store.get(context.getUniqueId(), TapeSession.class);
    if (existing != null) {
      return existing;
    }
    try {
      JupiterSettings settings = JupiterSettings.of(context);
      TapePlan plan = TapePlan.of(context, settings);
      TapeSession session = TapeSession.open(plan, settings.configuration());
      store.put(context.getUniqueId(), session);
      return session;
    } catch (java.io.IOException | RuntimeException e) {
      throw new ParameterResolutionException(
          "cannot start the @Tape session for " + context.getDisplayName() + ": " + e.getMessage(),
          e);
    }
  }

  @Override
  public void interceptTestMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context)
      throws Throwable {
    runAndFinish(invocation, context);
  }

  @Override
  public void interceptTestTemplateMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context)
      throws Throwable {
    runAndFinish(invocation, context);
  }

  private static void runAndFinish(Invocation<Void> invocation, ExtensionContext context)
      throws Throwable {
    Throwable failure = null;
    try {
      invocation.proceed();
    } catch (Throwable t) {
      failure = t;
    }
    TapeSession session =
        context.getStore(NAMESPACE).remove(context.getUniqueId(), TapeSession.class);
    if (session != null) {
      session.finish(context, failure);
    } else if (failure != null) {
      throw failure;
    }
  }
}
