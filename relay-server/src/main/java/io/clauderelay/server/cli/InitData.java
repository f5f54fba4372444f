package io.clauderelay.server.cli;

/** The admin credentials kept in {@code init.json}: the name and a password hash, never the password. */
public record InitData(String adminUsername, String passwordHash) {

  @Override
  public String toString() {
    return "InitData[adminUsername=" + adminUsername + ", passwordHash=***]";
  }
}
