package io.clauderelay.server.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * An alert as an e-mail through the platform's SMTP server (Angus Mail): SMTPS with {@code secure},
 * else STARTTLS when the server offers it; {@code ignoreTLS} skips certificate checks as the
 * original's option does. Blocking: call it on a worker thread.
 */
final class SmtpSender {
  private SmtpSender() {}

  static void send(ObjectNode p, AlertMessage m, int timeoutMs) throws MessagingException {
    boolean secure = p.path("secure").asBoolean(false);
    String protocol = secure ? "smtps" : "smtp";
    Properties props = new Properties();
    props.put("mail.transport.protocol", protocol);
    props.put("mail." + protocol + ".host", p.path("host").asText());
    props.put("mail." + protocol + ".port", Integer.toString(p.path("port").asInt(secure ? 465 : 587)));
    props.put("mail." + protocol + ".auth", "true");
    props.put("mail." + protocol + ".connectiontimeout", Integer.toString(timeoutMs));
    props.put("mail." + protocol + ".timeout", Integer.toString(timeoutMs));
    props.put("mail." + protocol + ".writetimeout", Integer.toString(timeoutMs));
    if (!secure) props.put("mail.smtp.starttls.enable", "true");
    if (p.path("ignoreTLS").asBoolean(false)) props.put("mail." + protocol + ".ssl.trust", "*");
    Session session = Session.getInstance(props);
    MimeMessage mail = new MimeMessage(session);
    String user = p.path("user").asText();
    mail.setFrom(new InternetAddress(p.path("from").asText("").isBlank() ? user : p.get("from").asText()));
    mail.setRecipients(Message.RecipientType.TO, recipients(p.path("to")));
    mail.setSubject("[Claude Relay Service] " + m.title(), "UTF-8");
    mail.setText(m.title() + "\n\n" + m.lines() + "\n\n" + m.timestamp() + "\n", "UTF-8");
    try (Transport transport = session.getTransport(protocol)) {
      transport.connect(p.path("host").asText(), p.path("port").asInt(secure ? 465 : 587), user,
          p.path("pass").asText());
      transport.sendMessage(mail, mail.getAllRecipients());
    }
  }

  private static InternetAddress[] recipients(JsonNode to) throws MessagingException {
    List<InternetAddress> out = new ArrayList<>();
    if (to.isArray()) {
      for (JsonNode t : to) out.add(new InternetAddress(t.asText()));
    } else {
      for (InternetAddress a : InternetAddress.parse(to.asText())) out.add(a);
    }
    return out.toArray(new InternetAddress[0]);
  }
}
