import { Layouts, Page } from '@strapi/strapi/admin';
import type { ReactNode } from 'react';

interface PluginPageProps {
  title: string;
  subtitle?: ReactNode;
  navigationAction?: ReactNode;
  primaryAction?: ReactNode;
  secondaryAction?: ReactNode;
  children: ReactNode;
}

/** A page of the plugin: the browser tab's title, Strapi's page header, and the content below it. */
export const PluginPage = ({ title, children, ...header }: PluginPageProps) => (
  <Page.Main>
    <Page.Title>{title}</Page.Title>
    <Layouts.Header title={title} {...header} />
    <Layouts.Content>{children}</Layouts.Content>
  </Page.Main>
);
