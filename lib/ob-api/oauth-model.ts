import "server-only";
import type OAuth2Server from "@node-oauth/oauth2-server";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/auth/tokens";
import { findClient, secretMatches, type OAuthClientRow } from "./clients";
import { isObScope, type ObScope } from "./scopes";

/**
 * The storage @node-oauth/oauth2-server runs on: clients, consents (grants), codes and tokens in
 * PostgreSQL. The library makes and checks the tokens; only their SHA-256 hashes are stored, so
 * a read of the database hands out no working token. Spending a code or a refresh token is one
 * conditional delete, so two requests racing with the same one cannot both win.
 */

type LibClient = OAuth2Server.Client & { name: string; scopes: ObScope[] };
type LibUser = { id: string };

export function libClient(client: OAuthClientRow): LibClient {
  return {
    id: client.id,
    name: client.name,
    redirectUris: client.redirectUris,
    grants: ["authorization_code", "refresh_token"],
    scopes: client.scopes.filter(isObScope),
  };
}

/** The scopes a client may be granted: a subset of what it registered; none asked means all of those. */
export function allowedScopes(client: { scopes: ObScope[] }, requested: string[] | undefined): ObScope[] | false {
  if (!requested || requested.length === 0) return client.scopes;
  if (!requested.every((scope) => isObScope(scope) && client.scopes.includes(scope))) return false;
  return client.scopes.filter((scope) => requested.includes(scope));
}

/**
 * The model. `authenticateClients`: at the token endpoint a confidential client must prove its
 * secret; at the authorization endpoint nobody has one to give.
 */
export function oauthModel(options: { authenticateClients: boolean }): OAuth2Server.AuthorizationCodeModel & OAuth2Server.RefreshTokenModel {
  return {
    async getClient(clientId, clientSecret) {
      const client = await findClient(clientId);
      if (!client) return null;
      if (options.authenticateClients && !secretMatches(client, clientSecret)) return null;
      return libClient(client);
    },

    async validateScope(_user, client, scope) {
      return allowedScopes(client as LibClient, scope);
    },

    async saveAuthorizationCode(code, client, user) {
      const userId = (user as LibUser).id;
      const scopes = (code.scope ?? []).filter(isObScope);
      const grant = await db.oAuthGrant.findUnique({ where: { userId_clientId: { userId, clientId: client.id } }, select: { scopes: true } });
      const granted = [...new Set([...(grant?.scopes ?? []), ...scopes])];
      const saved = await db.oAuthGrant.upsert({
        where: { userId_clientId: { userId, clientId: client.id } },
        create: { userId, clientId: client.id, scopes: granted },
        update: { scopes: granted },
        select: { id: true },
      });
      await db.oAuthAuthorizationCode.create({
        data: {
          codeHash: hashToken(code.authorizationCode),
          grantId: saved.id,
          scopes,
          redirectUri: code.redirectUri,
          codeChallenge: code.codeChallenge ?? "",
          expiresAt: code.expiresAt,
        },
      });
      return { ...code, client, user };
    },

    async getAuthorizationCode(authorizationCode) {
      const row = await db.oAuthAuthorizationCode.findUnique({
        where: { codeHash: hashToken(authorizationCode) },
        include: { grant: { include: { client: true } } },
      });
      if (!row) return null;
      return {
        authorizationCode,
        expiresAt: row.expiresAt,
        redirectUri: row.redirectUri,
        scope: row.scopes,
        client: libClient(row.grant.client),
        user: { id: row.grant.userId },
        codeChallenge: row.codeChallenge,
        codeChallengeMethod: "S256",
      };
    },

    async revokeAuthorizationCode(code) {
      const { count } = await db.oAuthAuthorizationCode.deleteMany({ where: { codeHash: hashToken(code.authorizationCode) } });
      return count === 1;
    },

    async saveToken(token, client, user) {
      const userId = (user as LibUser).id;
      const grant = await db.oAuthGrant.findUnique({ where: { userId_clientId: { userId, clientId: client.id } }, select: { id: true } });
      // The learner disconnected the app between the code (or refresh) and now.
      if (!grant) return null;
      await db.$transaction([
        db.oAuthToken.create({
          data: {
            grantId: grant.id,
            accessTokenHash: hashToken(token.accessToken),
            accessTokenExpiresAt: token.accessTokenExpiresAt!,
            refreshTokenHash: token.refreshToken ? hashToken(token.refreshToken) : null,
            refreshTokenExpiresAt: token.refreshTokenExpiresAt ?? null,
            scopes: (token.scope ?? []).filter(isObScope),
          },
        }),
        db.oAuthGrant.update({ where: { id: grant.id }, data: { lastUsedAt: new Date() } }),
      ]);
      return { ...token, client, user };
    },

    async getAccessToken(accessToken) {
      const row = await db.oAuthToken.findUnique({ where: { accessTokenHash: hashToken(accessToken) }, include: { grant: { include: { client: true } } } });
      if (!row) return null;
      return { accessToken, accessTokenExpiresAt: row.accessTokenExpiresAt, scope: row.scopes, client: libClient(row.grant.client), user: { id: row.grant.userId } };
    },

    async getRefreshToken(refreshToken) {
      const row = await db.oAuthToken.findUnique({ where: { refreshTokenHash: hashToken(refreshToken) }, include: { grant: { include: { client: true } } } });
      if (!row) return null;
      return {
        refreshToken,
        refreshTokenExpiresAt: row.refreshTokenExpiresAt ?? undefined,
        scope: row.scopes,
        client: libClient(row.grant.client),
        user: { id: row.grant.userId },
      };
    },

    /** A refresh spends the whole row: the access token issued with it stops working too. */
    async revokeToken(token) {
      const { count } = await db.oAuthToken.deleteMany({ where: { refreshTokenHash: hashToken(token.refreshToken) } });
      return count === 1;
    },
  };
}
