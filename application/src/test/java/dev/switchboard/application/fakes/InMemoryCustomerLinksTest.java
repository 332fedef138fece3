package dev.switchboard.application.fakes;

import dev.switchboard.application.port.out.CustomerLinks;

/** The fake keeps the contract every {@link CustomerLinks} keeps. */
class InMemoryCustomerLinksTest extends CustomerLinksContract {

  private final InMemoryCustomerLinks links = new InMemoryCustomerLinks();

  @Override
  protected CustomerLinks links() {
    return links;
  }
}
